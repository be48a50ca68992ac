// Checks made before the service touches anything (data directory, lock file,
// database, admin key), so that a misconfigured start fails with one clear
// sentence and leaves nothing behind.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A start-up failure the operator can fix; printed without a stack trace. */
export class StartupError extends Error {}

/** The URL with its password masked, for messages. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable)';
  }
}

export function checkDatabaseUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StartupError('DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StartupError(`DATABASE_URL must be a postgres:// (or postgresql://) URL, got ${url.protocol}//…`);
  }
  if (!url.hostname) throw new StartupError(`DATABASE_URL names no host: ${maskUrl(raw)}`);
}

/** The data directory must be (or be creatable as) a writable directory; nothing is created here. */
export function checkDataDir(dir: string): void {
  let existing = dir;
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const stat = fs.statSync(existing, { throwIfNoEntry: false });
  const what = existing === dir ? `DATA_DIR ${dir}` : `DATA_DIR ${dir} cannot be created: ${existing}`;
  if (!stat?.isDirectory()) throw new StartupError(`${what} is not a directory`);
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch {
    throw new StartupError(`${what} is not writable by this user`);
  }
}

/** Fails when the port is taken, before any side effect (no key is minted for a service that cannot listen). */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') return new StartupError(`Port ${port} on ${host} is already in use: stop the other process or choose another PORT`);
  if (error.code === 'EACCES') return new StartupError(`Not allowed to listen on port ${port} (ports below 1024 need privileges): choose another PORT`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new StartupError(`HOST ${host} is not an address of this machine`);
  return error;
}

const unreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** Every error in a chain of causes and aggregates. */
function* chain(error: unknown, depth = 0): Generator<{ code?: unknown; message?: unknown }> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  yield error;
  yield* chain(cause, depth + 1);
  if (Array.isArray(errors)) for (const inner of errors) yield* chain(inner, depth + 1);
}

/** A database failure at start-up as one sentence, or undefined when it is something else. */
export function describeDatabaseError(error: unknown, databaseUrl: string | undefined): string | undefined {
  if (!databaseUrl) return undefined;
  const where = (() => {
    try {
      const url = new URL(databaseUrl);
      return `${url.hostname}:${url.port || 5432}`;
    } catch {
      return 'DATABASE_URL';
    }
  })();
  for (const cause of chain(error)) {
    const code = typeof cause.code === 'string' ? cause.code : '';
    const message = String(cause.message ?? '');
    const named = message.match(/\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)\b/)?.[1];
    if (unreachable.has(code) || named || /timeout.*connect|connection terminated/i.test(message)) {
      return `Cannot reach the database at ${where} (DATABASE_URL): ${unreachable.has(code) ? code : (named ?? message)}. Is PostgreSQL running and reachable from here?`;
    }
    // SQLSTATE classes 28 (authentication) and 3D (no such database), and other server refusals.
    if (/^(28|3D|08|53|57)/.test(code)) return `The database at ${where} refused the connection: ${message} (${code})`;
  }
  return undefined;
}
