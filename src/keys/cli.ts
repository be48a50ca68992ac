// `npm start -- keys …`: create, list and revoke API keys on the configured database.
// On the embedded database the running service holds the data directory's lock, so
// the command line cannot open it; then the admin API is the way (it says so).
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { DataDirLockedError } from '../db/lock.js';
import { ADMIN_KEY_NAME, type Scope, createKey } from './keys.js';
import { listKeys, revokeKeyByIdOrName } from './manage.js';

const usage = `usage:
  npm start -- keys create <name> <read|write|admin>   prints the new key's secret (shown once)
  npm start -- keys list                               id, scope, created, name (never secrets)
  npm start -- keys revoke <id|name>                   the key stops working`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

export async function keysCommand(sub: string | undefined, args: string[]): Promise<void> {
  const [first, second] = args;
  if (sub === 'create' && (!first || !['read', 'write', 'admin'].includes(second ?? ''))) fail(usage);
  if (sub === 'create' && first === ADMIN_KEY_NAME) fail(`The name ${ADMIN_KEY_NAME} is reserved for the key ADMIN_API_KEY sets.`);
  if (sub === 'revoke' && !first) fail(usage);
  if (sub !== 'create' && sub !== 'list' && sub !== 'revoke') fail(usage);

  const config = loadConfig(process.env, []);
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const api = `http://${config.host}:${config.port}/api/v3/keys`;
    fail(
      `${error.message}\n\nThe running service holds the embedded database, so keys are managed through its admin API (an admin key is needed):\n` +
        `  list:    curl -H "apikey: $ADMIN_KEY" ${api}\n` +
        `  create:  curl -H "apikey: $ADMIN_KEY" -H 'content-type: application/json' -d '{"name":"shop","scope":"write"}' ${api}\n` +
        `  revoke:  curl -X DELETE -H "apikey: $ADMIN_KEY" ${api}/<id>\n` +
        'See docs/security.md.',
      1,
    );
  }
  try {
    if (sub === 'create') {
      console.log((await createKey(database.db, first!, second as Scope)).secret);
    } else if (sub === 'list') {
      for (const key of await listKeys(database.db)) console.log(`${key.id}  ${key.scope.padEnd(5)}  ${key.createdAt}  ${key.name}`);
    } else {
      const result = await revokeKeyByIdOrName(database.db, first!);
      if ('revoked' in result) {
        console.log(`revoked ${result.revoked.id} (${result.revoked.name}, ${result.revoked.scope})`);
        if (result.revoked.name === ADMIN_KEY_NAME) console.log('ADMIN_API_KEY creates it again at the next start while it is set.');
      } else if (result.error === 'ambiguous') {
        process.exitCode = 1;
        console.error(
          `${result.matches.length} keys are named "${first}"; revoke one by id:\n${result.matches.map((key) => `  ${key.id}  ${key.scope}`).join('\n')}`,
        );
      } else {
        process.exitCode = 1;
        console.error(`No key has the id or name "${first}".`);
      }
    }
  } finally {
    await database.close();
  }
}
