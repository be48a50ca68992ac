// Email transport: SMTP when SMTP_URL is set; otherwise each message is written
// as a .eml file under `${dataDir}/outbox/`, so the embedded default needs no setup.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  eventId: string;
  from: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<{ where: string }>;
  close(): void;
}

export function createMailer(options: { smtpUrl: string | undefined; dataDir: string; timeoutMs: number }): Mailer {
  const headers = (mail: Mail) => ({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // A stable Message-ID per delivery: a retried delivery is recognisably the same message.
    messageId: `<${mail.eventId}@engage-orders>`,
    headers: { 'x-event-id': mail.eventId },
  });
  if (options.smtpUrl) {
    // Settings in the URL (e.g. ?pool=true) win; these timeouts apply where it sets none.
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    } as never);
    return {
      async send(mail) {
        await transport.sendMail(headers(mail));
        return { where: 'smtp' };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const outbox = path.join(options.dataDir, 'outbox');
  return {
    async send(mail) {
      const info = await transport.sendMail(headers(mail));
      await mkdir(outbox, { recursive: true });
      const file = path.join(outbox, `${mail.eventId}.eml`);
      await writeFile(file, info.message as Buffer);
      // Relative to the data directory: delivery records are shown to read keys, the server's paths are not theirs to see.
      return { where: `outbox/${mail.eventId}.eml` };
    },
    close: () => transport.close(),
  };
}

/** How a test email's id (and its outbox file's name) begins: `test-<contactId>-`, or `test-` for an order without a contact. */
export function testSendPrefix(contactId: string | null): string {
  return contactId ? `test-${contactId.toLowerCase()}-` : 'test-';
}
