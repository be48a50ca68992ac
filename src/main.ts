// Command line: `npm start [-- --role api|worker|all]` runs the service;
// `npm start -- keys create|list|revoke …` manages API keys (src/keys/cli.ts);
// `--help` lists the commands and every environment variable.
// Exit codes: 0 done (or stopped cleanly), 1 could not start or run, 2 bad command line or setting.
import { type CommandHelp, helpText } from './cli/help.js';
import { StartupError, checkDataDir, checkDatabaseUrl, checkPortFree, describeDatabaseError, listenError } from './cli/preflight.js';
import { type Config, loadConfig } from './config.js';
import { DataDirLockedError, takenOverLocks } from './db/lock.js';
import { keysCommand } from './keys/cli.js';
import { startService } from './service.js';
import { SUPERVISED_FLAG, WorkerProcess, serveMetricsToParent } from './cli/worker-process.js';

/** A wrong command line or setting: the message, then the help text, exit 2. */
class UsageError extends Error {}

interface Command extends CommandHelp {
  run(args: string[]): Promise<void>;
}

/** Every command, by the words that name it. Adding a command adds a line. */
const commands: Record<string, Command> = {
  serve: { usage: 'serve [--role api|worker|all]', summary: 'Run the service (the default when no command is given)', run: serve },
  keys: {
    usage: 'keys create <name> <read|write|admin> | keys list | keys revoke <id|name>',
    summary: 'Create an API key (its secret is printed once), list keys, or revoke one',
    run: (args) => keysCommand(args[0], args.slice(1)),
  },
};

/** The configuration, with a bad setting reported as a usage error; a DATABASE_URL that cannot work fails here too. */
function config(argv: string[] = []): Config {
  let loaded: Config;
  try {
    loaded = loadConfig(process.env, argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (loaded.databaseUrl) {
    try {
      checkDatabaseUrl(loaded.databaseUrl);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return loaded;
}

async function serve(args: string[]): Promise<void> {
  // --supervised: this process is the job-processing child of an all-role service (src/cli/worker-process.ts).
  let supervised = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--role' && i + 1 < args.length) i++;
    else if (args[i] === SUPERVISED_FLAG) supervised = true;
    else throw new UsageError(`unknown argument: ${args[i]}`);
  }
  const settings = config(args);
  // A stop asked for while the service starts. On PostgreSQL nothing local is open yet and the database
  // rolls back a half-done start, so it ends at once (an operator giving up on a database that does not
  // come). The embedded database's files and lock must close cleanly: its start finishes, then it stops.
  let stop: ((signal: string) => void) | undefined = undefined;
  let askedWhileStarting: string | undefined;
  const onSignal = (signal: string) => {
    if (stop) return stop(signal);
    if (settings.databaseUrl) process.exit(0);
    if (askedWhileStarting) return;
    askedWhileStarting = signal;
    setTimeout(() => process.exit(1), settings.shutdownTimeoutMs).unref();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  const processingInChild = !supervised && settings.role === 'all' && settings.databaseUrl !== undefined && settings.workerMode === 'process';
  // Everything that can be checked without a side effect is checked first: no data
  // directory, lock file or admin key is created for a service that cannot start.
  if (!settings.databaseUrl) checkDataDir(settings.dataDir);
  if (!supervised) await checkPortFree(settings.host, settings.port);
  const service = await startService(processingInChild ? { ...settings, role: 'api' } : settings);
  const log = service.app.log;
  if (service.createdAdminKey) {
    // Printed once to the terminal, never logged: the database keeps only its hash.
    process.stdout.write(`\nNo API key existed, so an admin key was created. Keep it; it is not shown again:\n\n  ${service.createdAdminKey}\n\n`);
  }
  let address: string | undefined;
  try {
    if (!supervised) address = await service.app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    // Only if the port was taken since the check above; the key printed above stays valid.
    await service.stop().catch(() => {});
    throw listenError(error as NodeJS.ErrnoException, settings.host, settings.port);
  }
  const workerProcess = processingInChild ? new WorkerProcess(log) : undefined;
  if (workerProcess) {
    workerProcess.registerMetrics(service.ctx.metrics.registry);
    service.ctx.metrics.children.push(() => workerProcess.metrics());
    workerProcess.start();
  }
  for (const lock of takenOverLocks) {
    log.warn(
      { lockPath: lock.lockPath, previousPid: lock.pid },
      'took over the data-directory lock of a process that is gone: the previous run did not stop cleanly',
    );
  }
  const processing =
    settings.role === 'api' ? 'none' : processingInChild ? 'child process' : supervised ? 'this process (child of the API process)' : 'this process';
  log.info(
    { role: settings.role, database: service.ctx.database.kind, address, processing, staleLockTakenOver: takenOverLocks.length > 0 },
    'engage-orders started',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    // npm forwards a terminal's Ctrl-C to the service, which also got it from the terminal: one stop only.
    if (stopping) return;
    stopping = true;
    log.info({ signal, timeoutMs: settings.shutdownTimeoutMs }, 'shutting down: no new work; finishing requests and jobs in flight');
    const force = setTimeout(() => {
      log.error(
        { timeoutMs: settings.shutdownTimeoutMs },
        'shutdown did not finish in time; exiting with work in flight (it is taken up again after a restart)',
      );
      process.exit(1);
    }, settings.shutdownTimeoutMs);
    force.unref();
    Promise.all([service.stop(), workerProcess?.stop()]).then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  if (supervised) serveMetricsToParent(service.ctx.metrics.registry, () => shutdown('parent process gone'));
  stop = shutdown;
  if (askedWhileStarting) shutdown(askedWhileStarting);
}

/** The command named by the first words of argv (longest match); no command, or an option first, means serve. */
function parse(argv: string[]): { command: Command; args: string[] } {
  if (argv.length === 0 || argv[0]!.startsWith('-')) return { command: commands.serve!, args: argv };
  for (let words = Math.min(argv.length, 3); words > 0; words--) {
    const command = commands[argv.slice(0, words).join(' ')];
    if (command) return { command, args: argv.slice(words) };
  }
  throw new UsageError(`unknown command: ${argv.join(' ')}`);
}

function fail(error: unknown, settings: () => Config | undefined): never {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${helpText(Object.values(commands))}`);
    process.exit(2);
  }
  if (error instanceof StartupError || error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  const database = describeDatabaseError(error, settings()?.databaseUrl);
  console.error(database ?? error);
  process.exit(1);
}

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(helpText(Object.values(commands)));
} else {
  try {
    const { command, args } = parse(argv);
    command.run(args).catch((error) =>
      fail(error, () => {
        try {
          return loadConfig(process.env, []);
        } catch {
          return undefined;
        }
      }),
    );
  } catch (error) {
    fail(error, () => undefined);
  }
}
