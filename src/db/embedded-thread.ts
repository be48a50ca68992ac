// The embedded database's own thread (see embedded.ts): PGlite runs here, so its
// work never blocks the service's event loop. It answers PostgreSQL wire-protocol
// bytes with wire-protocol bytes, one request at a time, in the order they came.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

export type ThreadCommand = { kind: 'exec'; bytes: Uint8Array } | { kind: 'close' };
export type ThreadRequest = ThreadCommand & { id: number };
export type ThreadReply = { kind: 'ready' } | { id: number; kind: 'done'; bytes?: Uint8Array } | { id: number; kind: 'failed'; message: string };

/** What the thread starts with: where the data lives (none: in memory) and PGlite's compiled artifacts. */
export interface ThreadData {
  dataDir: string | undefined;
  pgliteWasmModule: PGliteOptions['pgliteWasmModule'];
  initdbWasmModule: PGliteOptions['initdbWasmModule'];
  fsBundle: Blob;
}

const port = parentPort!;
const lite = await PGlite.create(workerData as ThreadData);
let queue = Promise.resolve();

port.on('message', (request: ThreadRequest) => {
  queue = queue.then(() => answer(request));
});
port.postMessage({ kind: 'ready' } satisfies ThreadReply);

async function answer(request: ThreadRequest): Promise<void> {
  try {
    if (request.kind === 'close') {
      await lite.close();
      port.postMessage({ id: request.id, kind: 'done' } satisfies ThreadReply);
      port.close();
      return;
    }
    const bytes = await lite.execProtocolRaw(request.bytes);
    port.postMessage({ id: request.id, kind: 'done', bytes } satisfies ThreadReply, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id: request.id, kind: 'failed', message: (error as Error)?.message ?? String(error) } satisfies ThreadReply);
  }
}
