// Command line: `npm start [-- --role api|worker|all]` runs the service;
// `npm start -- keys create <name> <read|write|admin>` prints a new API key.
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { DataDirLockedError } from './db/lock.js';
import { type Scope, createKey } from './keys/keys.js';
import { startService } from './service.js';

async function createKeyCommand(args: string[]): Promise<void> {
  const [name, scope] = args;
  if (!name || !['read', 'write', 'admin'].includes(scope ?? '')) {
    console.error('usage: npm start -- keys create <name> <read|write|admin>');
    process.exit(2);
  }
  const config = loadConfig(process.env, []);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { secret } = await createKey(database.db, name, scope as Scope);
  await database.close();
  console.log(secret);
}

async function serve(): Promise<void> {
  const config = loadConfig();
  const service = await startService(config);
  const log = service.app.log;
  if (service.createdAdminKey) {
    // Printed once to the terminal, never logged: the database keeps only its hash.
    process.stdout.write(`\nNo API key existed, so an admin key was created. Keep it; it is not shown again:\n\n  ${service.createdAdminKey}\n\n`);
  }
  const address = await service.app.listen({ host: config.host, port: config.port });
  log.info({ role: config.role, database: service.ctx.database.kind, address }, 'engage-orders started');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    service.stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

const [command, sub, ...rest] = process.argv.slice(2);
const run = command === 'keys' && sub === 'create' ? createKeyCommand(rest) : serve();
run.catch((error) => {
  console.error(error instanceof DataDirLockedError ? error.message : error);
  process.exit(1);
});
