// How the HTTP server stops (SIGTERM, app.close()). Node stops accepting
// connections and closes the idle ones once; what is left to decide here:
// - a request that starts on an open connection after that (pipelined, or a
//   kept-alive client that has not noticed yet) is refused with 503 and
//   Retry-After before it does anything, so no write is stored whose answer
//   might never be sent (the connection closes right after);
// - a connection that was busy when the stop began is closed as soon as it has
//   no request in flight. Node would keep it alive, and the stop would wait for
//   KEEP_ALIVE_TIMEOUT_MS: under load, past the shutdown timeout.
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './problem.js';

export function registerGracefulStop(app: FastifyInstance): void {
  let stopping = false;
  const inFlight = new WeakMap<Socket, number>();
  app.addHook('preClose', async () => {
    stopping = true;
  });
  // Both run on every request: callback hooks, no promise each.
  app.addHook('onRequest', (request, _reply, done) => {
    const socket = request.raw.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    done(stopping ? new ApiError('ServiceUnavailable', 'The service is stopping; retry (another instance takes the request)') : undefined);
  });
  // onResponse runs once the answer has been handed to the socket: ending the socket then loses nothing.
  app.addHook('onResponse', (request, _reply, done) => {
    const socket = request.raw.socket;
    const left = (inFlight.get(socket) ?? 1) - 1;
    inFlight.set(socket, left);
    if (stopping && left === 0) socket.end();
    done();
  });
}
