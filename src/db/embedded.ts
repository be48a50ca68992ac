// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a thread
// of its own, reached through node-postgres like a real server.
//
// PGlite computes on the thread that calls it. On the service's thread, every
// statement stopped the event loop for as long as it ran: under load no new
// connection was accepted and a liveness probe waited seconds. So PGlite runs in
// a worker thread (embedded-thread.ts), and node-postgres gets a connection
// object that speaks the same wire protocol to it that it speaks to a socket:
// messages are serialised here, sent to the thread when a round ends (Sync, a
// simple query), and its answer is parsed here into the driver's events.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';
import { lockDataDir } from './lock.js';
import type { ThreadCommand, ThreadData, ThreadReply } from './embedded-thread.js';

/** The thread running PGlite: requests go out in order and are answered in order. */
class DatabaseThread {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (bytes: Uint8Array | undefined) => void; reject: (error: Error) => void }>();
  private stopped: Error | undefined;
  readonly ready: Promise<void>;

  constructor(dataDir: string | undefined, artifacts: PgliteArtifacts) {
    this.worker = new Worker(threadBootstrap(), { eval: true, workerData: { dataDir, ...artifacts } satisfies ThreadData });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (reply: ThreadReply) => {
        if (reply.kind === 'ready') return resolve();
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.kind === 'done') waiting?.resolve(reply.bytes);
        else waiting?.reject(new Error(reply.message));
      });
      const stop = (error: Error) => {
        this.stopped ??= error;
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      };
      this.worker.on('error', stop);
      this.worker.on('exit', (code) => stop(new Error(`The embedded database's thread stopped (exit code ${code})`)));
    });
    this.ready.catch(() => {}); // a failed start is reported where the session is opened (openEmbeddedSession)
  }

  private request(message: ThreadCommand, transfer: ArrayBuffer[] = []): Promise<Uint8Array | undefined> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  exec(bytes: Uint8Array): Promise<Uint8Array> {
    return this.request({ kind: 'exec', bytes }, [bytes.buffer as ArrayBuffer]).then((reply) => reply ?? new Uint8Array(0));
  }

  async close(): Promise<void> {
    if (!this.stopped) await this.request({ kind: 'close' }).catch(() => {});
    await this.worker.terminate();
  }
}

/**
 * PGlite's WebAssembly, compiled once per process and shared by every thread
 * (compiling its 9 MB took about a second per database), and its file bundle.
 */
type PgliteArtifacts = Pick<ThreadData, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>;
let artifacts: Promise<PgliteArtifacts> | undefined;
// Node's WebAssembly global, which this project's TypeScript library settings do not declare.
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<ThreadData['pgliteWasmModule']> } };
function pgliteArtifacts(): Promise<PgliteArtifacts> {
  artifacts ??= (async () => {
    const file = (name: string) => readFile(new URL(name, import.meta.resolve('@electric-sql/pglite')));
    const [pglite, initdb, bundle] = await Promise.all([file('pglite.wasm'), file('initdb.wasm'), file('pglite.data')]);
    return {
      pgliteWasmModule: await wasm.compile(pglite),
      initdbWasmModule: await wasm.compile(initdb),
      fsBundle: new Blob([bundle]),
    };
  })();
  artifacts.catch(() => (artifacts = undefined));
  return artifacts;
}

/**
 * The thread's module sits next to this one: .js once built, .ts when run from
 * source through tsx, whose loader does not reach worker threads on Node 20, so
 * the thread loads it through tsx's own API.
 */
function threadBootstrap(): string {
  const fromSource = path.extname(fileURLToPath(import.meta.url)) === '.ts';
  const entry = JSON.stringify(new URL(`./embedded-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url).href);
  if (!fromSource) return `import(${entry})`;
  return `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ tsImport }) => tsImport(${entry}, ${entry}))`;
}

/**
 * What node-postgres's Client expects of its connection (the shape its own
 * socket Connection has): methods that send protocol messages, and events for
 * the messages that come back. There is no socket, no start-up and no
 * authentication: the thread's one PGlite session is ready once the thread is.
 */
class ThreadConnection extends EventEmitter {
  _connecting = false;
  readonly stream = { destroy: () => this.end() };
  parsedStatements = {};
  submittedNamedStatements = {};
  private outgoing: Buffer[] = [];
  private parser = new Parser();
  private sent: Promise<void> = Promise.resolve();

  constructor(
    private thread: DatabaseThread,
    private onNotification: (channel: string) => void,
  ) {
    super();
  }

  connect(): void {
    this._connecting = true;
    this.thread.ready.then(
      () => this.emit('readyForQuery'),
      (error: Error) => this.emit('error', error),
    );
  }

  // Messages of one round collect here and go to the thread together.
  query(text: string): void {
    this.outgoing.push(serialize.query(text));
    this.send();
  }
  parse(query: Parameters<typeof serialize.parse>[0]): void {
    this.outgoing.push(serialize.parse(query));
  }
  bind(config: Parameters<typeof serialize.bind>[0]): void {
    this.outgoing.push(serialize.bind(config));
  }
  execute(config: Parameters<typeof serialize.execute>[0]): void {
    this.outgoing.push(serialize.execute(config));
  }
  describe(message: Parameters<typeof serialize.describe>[0]): void {
    this.outgoing.push(serialize.describe(message));
  }
  close(message: Parameters<typeof serialize.close>[0]): void {
    this.outgoing.push(serialize.close(message));
  }
  sendCopyFromChunk(chunk: Buffer): void {
    this.outgoing.push(serialize.copyData(chunk));
  }
  endCopyFrom(): void {
    this.outgoing.push(serialize.copyDone());
    this.send();
  }
  sendCopyFail(message: string): void {
    this.outgoing.push(serialize.copyFail(message));
    this.send();
  }
  flush(): void {
    this.outgoing.push(serialize.flush());
    this.send();
  }
  sync(): void {
    this.outgoing.push(serialize.sync());
    this.send();
  }

  private send(): void {
    const bytes = new Uint8Array(Buffer.concat(this.outgoing)); // its own buffer: handed over to the thread
    this.outgoing = [];
    this.sent = this.sent
      .then(() => this.thread.exec(bytes))
      .then((answer) =>
        this.parser.parse(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength), (message) => {
          if (message.name === 'notification') this.onNotification((message as unknown as { channel: string }).channel);
          this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
        }),
      )
      .catch((error: Error) => {
        this.emit('error', error);
      });
  }

  end(): void {
    this.sent = this.sent.then(() => {
      this.emit('end');
    });
    for (const event of this.eventNames()) this.removeAllListeners(event);
  }

  // Nothing to do without a socket.
  startup(): void {}
  requestSsl(): void {}
  cancel(): void {}
  password(): void {}
  ref(): void {}
  unref(): void {}
}

/** The embedded database's one session, as a node-postgres pool of one client. */
export interface EmbeddedSession {
  pool: pg.Pool;
  /** Emits an event named after the channel of every NOTIFY the session receives. */
  notifications: EventEmitter;
  close(): Promise<void>;
}

/** Starts PGlite's thread on `dataDir` (`memory://…`: in memory), holding the directory's lock until closed. */
export async function openEmbeddedSession(dataDir: string): Promise<EmbeddedSession> {
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  let thread: DatabaseThread | undefined;
  try {
    thread = new DatabaseThread(inMemory ? undefined : dataDir, await pgliteArtifacts());
    await thread.ready;
    const opened = thread;
    const notifications = new EventEmitter();
    notifications.setMaxListeners(0); // one listener per waiting worker or delivery loop
    const connection = new ThreadConnection(opened, (channel) => notifications.emit(channel));
    // One session: more than one client would interleave their transactions in it.
    const pool = new pg.Pool({ connection, max: 1 } as pg.PoolConfig);
    pool.on('error', () => {});
    return {
      pool,
      notifications,
      async close() {
        await pool.end();
        await opened.close();
        release();
      },
    };
  } catch (error) {
    await thread?.close();
    release();
    throw error;
  }
}
