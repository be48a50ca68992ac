// Webhook delivery: a signed JSON POST. Signature scheme (docs/automations.md):
// x-signature = hex(HMAC-SHA256(secret, `${x-timestamp}.${body}`)), x-timestamp in
// Unix seconds, x-event-id the delivery's stable id. Redirects are not followed.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { BlockedAddressError, guardedLookup, literalHostError } from './net-guard.js';

export function signature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export type SendResult = { ok: true; statusCode: number } | { ok: false; error: string; statusCode?: number; permanent?: boolean };

export interface WebhookOptions {
  allowPrivate: boolean;
  timeoutMs: number;
}

export async function sendWebhook(url: string, secret: string, eventId: string, payload: unknown, options: WebhookOptions): Promise<SendResult> {
  const target = new URL(url);
  const literal = literalHostError(target.hostname, options.allowPrivate);
  if (literal) return { ok: false, error: literal, permanent: true };
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        lookup: guardedLookup(options.allowPrivate) as never,
        timeout: options.timeoutMs,
        agent: false, // a fresh connection per attempt, so every attempt's address is checked
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'engage-orders-webhook',
          'x-event-id': eventId,
          'x-timestamp': timestamp,
          'x-signature': signature(secret, timestamp, body),
        },
      },
      (response) => {
        // The status line decides; the receiver's body is drained, never read (and cut off at the deadline).
        const statusCode = response.statusCode ?? 0;
        response.on('error', () => {});
        response.resume();
        resolve(statusCode >= 200 && statusCode < 300 ? { ok: true, statusCode } : { ok: false, statusCode, error: `HTTP ${statusCode} from receiver` });
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve({ ok: false, error: error.message, permanent: error instanceof BlockedAddressError }));
    request.on('close', () => clearTimeout(deadline));
    request.end(body);
  });
}
