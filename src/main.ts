// Command line: `npm start [-- --role api|worker|all]` runs the service;
// `npm start -- keys create <name> <read|write|admin>` prints a new API key;
// `keys list` and `keys revoke <id|name>` manage them (src/keys/cli.ts).
import { loadConfig } from './config.js';
import { DataDirLockedError } from './db/lock.js';
import { keysCommand } from './keys/cli.js';
import { startService } from './service.js';

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
const run = command === 'keys' ? keysCommand(sub, rest) : serve();
run.catch((error) => {
  console.error(error instanceof DataDirLockedError || /^[A-Z][A-Z_]+ /.test(error?.message) ? error.message : error);
  process.exit(1);
});
