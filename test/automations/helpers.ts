// Real receivers for automation tests: an SMTP server (smtp-server + mailparser)
// and an HTTP server on 127.0.0.1, plus polling with a deadline.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../src/db/schema.js';
import { eventually as poll } from '../helpers/eventually.js';

/** The shared poll (test/helpers/eventually.ts), check first, as these tests call it. */
export function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  return poll(what, check, timeoutMs);
}

export interface SmtpSink {
  url: string;
  messages: (ParsedMail & { envelopeTo: string[] })[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((to) => to.address) }));
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** Answers each request with `respond(request, body)`: a status code, or 'hang' to never answer. */
export async function startReceiver(respond: (request: Received) => number | 'hang'): Promise<{ base: string; requests: Received[]; close(): Promise<void> }> {
  const requests: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const received: Received = { path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered: 0 };
      requests.push(received);
      const answer = respond(received);
      if (answer === 'hang') return;
      received.answered = answer;
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export async function insertContact(db: Db, fields: { email?: string | null; firstName?: string; memberNumber?: string }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('contacts')
    .values({
      id,
      contact_type: 'Member',
      email: fields.email ?? null,
      first_name: fields.firstName ?? null,
      member_number: fields.memberNumber ?? null,
    } as never)
    .execute();
  return id;
}
