// Starts the real service (API + worker) on a fresh database for a test file,
// and gives it a small HTTP client over Fastify's inject (no socket needed).
import assert from 'node:assert/strict';
import type { Capability } from '../../src/app/capability.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createKey, type Scope } from '../../src/keys/keys.js';
import { type Service, startService } from '../../src/service.js';
import { type BackendName, freshDatabase } from './backends.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  text: string;
}

/**
 * Awaits a setup call and returns its body, failing the test with the answer when
 * its status is not one of `expected` (with none given: not a 4xx or 5xx).
 */
export async function seedOk(answer: Promise<Answer>, ...expected: number[]): Promise<any> {
  const a = await answer;
  assert.ok(expected.length ? expected.includes(a.status) : a.status < 400, `seed call answered ${a.status}: ${a.text}`);
  return a.body;
}

export interface TestService {
  backend: BackendName;
  service: Service;
  request(method: string, url: string, body?: unknown, options?: { key?: string | null; headers?: Record<string, string> }): Promise<Answer>;
  get(url: string, key?: string): Promise<Answer>;
  post(url: string, body: unknown, key?: string): Promise<Answer>;
  put(url: string, body: unknown, key?: string): Promise<Answer>;
  del(url: string, key?: string): Promise<Answer>;
  /** Polls a job until it is finished; returns its final answer (302 / 200 / 422). */
  waitForJob(jobId: string, timeoutMs?: number): Promise<Answer>;
  /** Accepts a write and waits for its job; returns the job answer. */
  write(method: string, url: string, body?: unknown): Promise<Answer>;
  key(scope: Scope): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestService(backend: BackendName, overrides: Partial<Config> = {}, capabilities?: readonly Capability[]): Promise<TestService> {
  const { database, drop } = await freshDatabase(backend);
  const config: Config = {
    ...loadConfig({}, []),
    adminApiKey: ADMIN_KEY,
    workerPollMs: 50,
    logLevel: 'silent',
    rateLimitPerSecond: 100_000,
    unauthenticatedLimitPerMinute: 100_000,
    ...overrides,
  };
  const service = await startService(config, { database, logger: false, capabilities });

  async function request(
    method: string,
    url: string,
    body?: unknown,
    options: { key?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const key = options.key === undefined ? ADMIN_KEY : options.key;
    const headers: Record<string, string> = { ...(key ? { apikey: key } : {}), ...options.headers };
    const response = await service.app.inject({ method: method as never, url, headers, ...(body === undefined ? {} : { payload: body as never }) });
    let parsed: unknown;
    try {
      parsed = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.statusCode, headers: response.headers, body: parsed, text: response.body };
  }

  async function waitForJob(jobId: string, timeoutMs = 15_000): Promise<Answer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await request('GET', `/api/v3/orders/jobs/${jobId}`);
      const status = answer.body?.status === 'Failed' || answer.body?.jobStatus === 'Failed' ? 'Failed' : answer.body?.status;
      if (status === 'Succeeded' || status === 'Failed') return answer;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    backend,
    service,
    request,
    get: (url, key) => request('GET', url, undefined, { key }),
    post: (url, body, key) => request('POST', url, body, { key }),
    put: (url, body, key) => request('PUT', url, body, { key }),
    del: (url, key) => request('DELETE', url, undefined, { key }),
    waitForJob,
    async write(method, url, body) {
      const accepted = await request(method, url, body);
      if (accepted.status !== 202) throw new Error(`expected 202 from ${method} ${url}, got ${accepted.status}: ${accepted.text}`);
      return waitForJob(accepted.body.jobId);
    },
    async key(scope) {
      return (await createKey(service.ctx.db, `test ${scope}`, scope)).secret;
    },
    async stop() {
      await service.stop();
      await database.close().catch(() => {});
      await drop();
    },
  };
}
