// Limits that hold without a valid key: floods without a key or with bogus keys get
// 429 per client address, while a valid key from the same address keeps working
// on its own budget; and the server's timeouts close trickled or idle connections.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { ADMIN_KEY, startTestService } from '../helpers/service.js';

describe('per-address limit for requests without a valid key', () => {
  test('missing and bogus keys get 429 with Retry-After past the limit; a valid key from the same address still works', async () => {
    const api = await startTestService('embedded', { unauthenticatedLimitPerMinute: 5, rateLimitPerSecond: 1000 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await api.request('GET', '/api/v3/orders/jobs', undefined, { key: null })).status);
      for (let i = 0; i < 4; i++) statuses.push((await api.get('/api/v3/orders/jobs', `eo_bogus-${i}-0123456789abcdefghij`)).status);
      // Also through a spelling that used to skip every check.
      const encoded = await api.request('GET', '/%61pi/v3/automations', undefined, { key: null });
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
      assert.equal(encoded.status, 429);
      assert.equal(encoded.body.errorCode, 'RateLimited');
      assert.ok(Number(encoded.headers['retry-after']) >= 1);
      assert.equal((await api.get('/api/v3/orders/jobs')).status, 200, 'the admin key is not limited by the flood');
    } finally {
      await api.stop();
    }
  });
});

describe('server timeouts', () => {
  test('a request body trickled slower than REQUEST_TIMEOUT_MS allows is cut off', async () => {
    const api = await startTestService('embedded', { requestTimeoutMs: 1000, headersTimeoutMs: 500 });
    try {
      await api.service.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = api.service.app.server.address() as net.AddressInfo;
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      let gaveUp = false;
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('error', () => {}); // the server may reset the socket while a byte is on its way
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(`POST /api/v3/orders HTTP/1.1\r\nHost: x\r\napikey: ${ADMIN_KEY}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`);
      // One byte at a time, never finishing, until the server gives up on the request.
      const trickle = setInterval(() => socket.writable && socket.write(' '), 100);
      const deadline = setTimeout(() => {
        gaveUp = true;
        socket.destroy();
      }, 60_000);
      await closed;
      clearInterval(trickle);
      clearTimeout(deadline);
      assert.equal(gaveUp, false, 'the server closed the connection');
      if (answer) assert.match(answer, /^HTTP\/1\.1 408/);
    } finally {
      await api.stop();
    }
  });
});
