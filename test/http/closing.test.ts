// Stopping the service while a client is mid-request on a kept-alive connection:
// the request in flight and one pipelined behind it are both served (202, the
// write kept), the connection is then closed, and nothing new connects.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { waitUntil } from '../helpers/faults.js';
import { orderBody } from '../helpers/fixtures.js';
import { ADMIN_KEY, type TestService, startTestService } from '../helpers/service.js';

let api: TestService;
before(async () => {
  api = await startTestService('embedded');
});
after(async () => api?.stop());

const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.destroy() && false));
    socket.once('error', () => resolve(true));
  });

test('a write in flight and one pipelined behind it while the service stops: both answered 202 and kept, then the connection closes', async () => {
  const { app } = api.service;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const [first, second] = [orderBody(), orderBody()];
  const request = (text: string) =>
    `POST /api/v3/orders HTTP/1.1\r\nHost: localhost\r\napikey: ${ADMIN_KEY}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;

  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  const ended = once(socket, 'close');
  await once(socket, 'connect');
  // The first request's head and part of its body: routed, and waiting for the rest.
  const firstText = request(JSON.stringify(first));
  const routed = once(app.server, 'request');
  socket.write(firstText.slice(0, -20));
  await routed;

  const stopping = api.service.stop();
  await waitUntil(() => refuses(port), 'the port to stop taking connections');
  socket.write(firstText.slice(-20) + request(JSON.stringify(second)));
  await ended;
  await stopping;

  const answers = received.split(/(?=HTTP\/1\.1 )/);
  assert.equal(answers.length, 2, received);
  for (const answer of answers) assert.match(answer, /^HTTP\/1\.1 202 /, received);
  assert.match(answers[1]!, /\r\nconnection: close\r\n/i, 'the connection is closed after the last answer');
  const { rows } = await sql<{ order_id: string }>`SELECT order_id FROM jobs ORDER BY order_id`.execute(api.service.ctx.db);
  assert.deepEqual(
    rows.map((row) => row.order_id),
    [first.orderId, second.orderId].sort(),
  );
});
