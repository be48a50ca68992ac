// How log lines look: JSON with ISO timestamps (for collectors), or one readable
// line per entry on a terminal (LOG_FORMAT=pretty). A few lines of our own rather
// than pino-pretty and its dependencies.
import { Writable } from 'node:stream';
import type { Config } from '../config.js';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = { 10: '90', 20: '90', 30: '32', 40: '33', 50: '31', 60: '35' };
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/** One JSON log entry as `12:00:00.123 INFO  message key=value …`; an error's stack on the lines after. */
export function prettyLine(json: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json);
  } catch {
    return json;
  }
  const level = Number(entry.level);
  const name = (LEVELS[level] ?? String(entry.level)).padEnd(5);
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HIDDEN.has(key) && key !== 'err' && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const tail = err ? `\n${err.stack ?? err.message ?? JSON.stringify(err)}` : '';
  const label = colour ? `\x1b[${COLOURS[level] ?? '0'}m${name}\x1b[0m` : name;
  return `${time} ${label} ${entry.msg ?? ''}${fields.length ? ` ${fields.join(' ')}` : ''}${tail}\n`;
}

function prettyStream(out: NodeJS.WriteStream): Writable {
  const colour = Boolean(out.isTTY);
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) out.write(prettyLine(line, colour));
      done();
    },
  });
}

/** Logger options for Fastify (pino): ISO timestamps always, the pretty stream when asked for. */
export function logFormatOptions(config: Pick<Config, 'logFormat'>): { timestamp: () => string; stream?: Writable } {
  return {
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    ...(config.logFormat === 'pretty' ? { stream: prettyStream(process.stdout) } : {}),
  };
}

/** Where lines logged before the logger exists go (start-up's wait for the database): in the logger's format. */
export function lineWriter(config: Pick<Config, 'logFormat'>): (line: string) => void {
  if (config.logFormat !== 'pretty') return (line) => process.stdout.write(line);
  const colour = Boolean(process.stdout.isTTY);
  return (line) => process.stdout.write(prettyLine(line, colour));
}
