// Stopping the service while a client is mid-request on a kept-alive connection
// (a raw socket, to control what is in flight): the request in flight is
// answered and kept, the connection is then closed so the stop does not wait
// for it, and a request that starts after the stop began is refused with 503
// and Retry-After without being stored.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { sql } from 'kysely';
import { waitUntil } from '../helpers/faults.js';
import { orderBody } from '../helpers/fixtures.js';
import { refusesConnections } from '../helpers/process.js';
import { ADMIN_KEY, startTestService } from '../helpers/service.js';

const post = (body: unknown) => {
  const text = JSON.stringify(body);
  return `POST /api/v3/orders HTTP/1.1\r\nHost: localhost\r\napikey: ${ADMIN_KEY}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
};

/**
 * Starts a service, sends the head and part of the body of a write on a raw
 * kept-alive connection, stops the service once that write is routed, and
 * sends `rest` (the rest of the body, and whatever follows it) once the port
 * refuses new connections. Returns every answer received and the order ids stored.
 */
async function stopMidRequest(first: Record<string, unknown>, after: string): Promise<{ answers: string[]; stored: string[] }> {
  const api = await startTestService('embedded');
  const socket = new net.Socket();
  try {
    const { app } = api.service;
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    const closed = once(socket, 'close');
    socket.connect((app.server.address() as AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect');
    const firstRequest = post(first);
    const routed = once(app.server, 'request'); // emitted after Fastify has routed it
    socket.write(firstRequest.slice(0, -20));
    await routed;

    const stopped = api.service.stop();
    await waitUntil(() => refusesConnections(base), 'the port to stop taking connections');
    socket.write(firstRequest.slice(-20) + after);
    await closed; // without closing it, a kept-alive connection would hold the stop for KEEP_ALIVE_TIMEOUT_MS
    await stopped;
    const { rows } = await sql<{ order_id: string }>`SELECT order_id FROM jobs`.execute(api.service.ctx.db);
    return { answers: received.split(/(?=HTTP\/1\.1 \d{3} )/), stored: rows.map((row) => row.order_id) };
  } finally {
    socket.destroy();
    await api.stop();
  }
}

test('a write in flight when the service stops is answered 202 and kept, and its kept-alive connection is then closed', async () => {
  const order = orderBody();
  const { answers, stored } = await stopMidRequest(order, '');
  assert.equal(answers.length, 1, answers.join('\n'));
  assert.match(answers[0]!, /^HTTP\/1\.1 202 /);
  assert.deepEqual(stored, [order.orderId]);
});

test('a write pipelined behind it is refused with a 503 problem and Retry-After, and not stored', async () => {
  const order = orderBody();
  const { answers, stored } = await stopMidRequest(order, post(orderBody()));
  assert.equal(answers.length, 2, answers.join('\n'));
  assert.match(answers[0]!, /^HTTP\/1\.1 202 /);
  assert.match(answers[1]!, /^HTTP\/1\.1 503 /);
  assert.match(answers[1]!, /\r\nretry-after: \d+\r\n/i);
  assert.match(answers[1]!, /\r\ncontent-type: application\/problem\+json/i);
  assert.match(answers[1]!, /"errorCode":"ServiceUnavailable"/);
  assert.deepEqual(stored, [order.orderId], 'only the write in flight is stored');
});
