// Load generators: autocannon (closed loop, or its overallRate) and a paced
// open-loop generator of ours. autocannon's overallRate lets each connection
// send its share of a second's requests back to back and then pause until the
// next one-second tick, so "1,000/s" arrives as one burst per second; the
// paced generator spaces requests evenly (1 ms apart at 1,000/s), as
// independent clients would, and times each from its scheduled send time.
import http from 'node:http';
import autocannon from 'autocannon';
import { ADMIN_KEY } from './server.js';
import { ID_PLACEHOLDER, orderBodyTemplate } from './order-body.js';
import { percentile } from './stats.js';

export interface LoadResult {
  seconds: number;
  sent: number;
  accepted: number; // 202 answers
  otherStatus: Record<string, number>;
  errors: number;
  acceptedPerSecond: number;
  clientP50Ms: number;
  clientP99Ms: number;
  startedAt: Date;
  finishedAt: Date;
}

const headers = { 'content-type': 'application/json', apikey: ADMIN_KEY };

/** POST /api/v3/orders with distinct orderIds from `connections` connections; `rate` caps the overall rate. */
export async function autocannonLoad(url: string, runTag: string, options: { connections: number; seconds: number; rate?: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/api/v3/orders`,
    method: 'POST',
    headers,
    body: orderBodyTemplate(runTag),
    idReplacement: true,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    timeout: 30,
  });
  const otherStatus: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) if (code !== '202') otherStatus[code] = count;
  const accepted = result.statusCodeStats?.['202']?.count ?? 0;
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    seconds,
    sent: result.requests.sent,
    accepted,
    otherStatus,
    errors: result.errors + result.timeouts,
    acceptedPerSecond: accepted / seconds,
    clientP50Ms: result.latency.p50,
    clientP99Ms: result.latency.p99,
    startedAt: result.start,
    finishedAt: result.finish,
  };
}

/**
 * Open loop: request i is due at start + i/rate, sent over at most
 * `connections` keep-alive sockets (later ones queue in the agent, and their
 * latency counts from when they were due). Requests still unanswered
 * `graceSeconds` after the last one was due are abandoned and counted as errors,
 * so an overloaded server cannot stretch the run.
 */
export async function pacedLoad(
  url: string,
  runTag: string,
  options: { connections: number; seconds: number; rate: number; graceSeconds?: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const template = orderBodyTemplate(runTag);
  const total = Math.round(options.rate * options.seconds);
  const latencies = new Float64Array(total).fill(Number.NaN);
  const otherStatus: Record<string, number> = {};
  const outstanding = new Set<http.ClientRequest>();
  let accepted = 0;
  let errors = 0;
  let done = 0;
  let sent = 0;
  const { hostname, port } = new URL(url);
  const startedAt = new Date();
  const t0 = performance.now();

  await new Promise<void>((resolve) => {
    const finishOne = () => {
      done++;
      if (done === total) resolve();
    };
    const send = (i: number, dueAt: number) => {
      const body = template.replace(ID_PLACEHOLDER, `${i}-${Math.random().toString(36).slice(2, 10)}`);
      let settled = false;
      const settle = (status: number | undefined) => {
        if (settled) return;
        settled = true;
        outstanding.delete(request);
        if (status === 202) accepted++;
        else if (status === undefined) errors++;
        else otherStatus[String(status)] = (otherStatus[String(status)] ?? 0) + 1;
        if (status !== undefined) latencies[i] = performance.now() - dueAt;
        finishOne();
      };
      const request = http.request(
        { agent, hostname, port, path: '/api/v3/orders', method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => settle(response.statusCode));
          response.on('error', () => settle(undefined));
        },
      );
      request.on('error', () => settle(undefined));
      outstanding.add(request);
      request.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && t0 + (sent * 1000) / options.rate <= now) {
        send(sent, t0 + (sent * 1000) / options.rate);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
    const giveUp = setTimeout(
      () => {
        for (const request of [...outstanding]) request.destroy(new Error('abandoned'));
      },
      (options.seconds + (options.graceSeconds ?? 10)) * 1000,
    );
    giveUp.unref();
  });
  const finishedAt = new Date();
  agent.destroy();
  const sorted = Float64Array.from(latencies.filter((v) => Number.isFinite(v))).sort();
  // The offered window, not the time the stragglers took.
  const seconds = Math.min((finishedAt.getTime() - startedAt.getTime()) / 1000, options.seconds);
  return {
    seconds,
    sent,
    accepted,
    otherStatus,
    errors,
    acceptedPerSecond: accepted / ((finishedAt.getTime() - startedAt.getTime()) / 1000),
    clientP50Ms: percentile(sorted, 50),
    clientP99Ms: percentile(sorted, 99),
    startedAt,
    finishedAt,
  };
}
