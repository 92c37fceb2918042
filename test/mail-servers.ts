import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// Real servers for delivery tests (issue 14): an in-process SMTP server whose mailbox the tests
// read, and a local fake of SMS.ru's HTTP API (POST /sms/send, api_id, to, msg, from, json=1).

export interface Mail {
  from: string;
  to: string[];
  raw: string;
  messageId: string | null;
  subject: string;
}

/** Decodes a header (RFC 2047 encoded-words, folded lines) enough to compare it. */
function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  if (!m) return null;
  return m[1]!.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** The text part of a message (quoted-printable or base64 decoded), for reading links. */
export function mailText(raw: string): string {
  const body = raw.slice(raw.search(/\r?\n\r?\n/) + 2);
  const qp = /Content-Transfer-Encoding: quoted-printable/i.test(raw);
  const b64 =
    /Content-Transfer-Encoding: base64/i.test(raw.slice(0, raw.search(/\r?\n\r?\n/) + 1)) ||
    /text\/plain[^]*?base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.test(raw);
  if (qp)
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  if (b64) {
    const m = /text\/plain[^]*?base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
    return Buffer.from((m ? m[1]! : body).replace(/\s/g, ''), 'base64').toString('utf8');
  }
  return body;
}

export interface Mailbox {
  port: number;
  mails: Mail[];
  /** Refuse the next n messages with a temporary error (451). */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const mails: Mail[] = [];
  let failing = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failing > 0) {
          failing -= 1;
          const err = Object.assign(new Error('Временная ошибка, повторите позже'), { responseCode: 451 });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: header(raw, 'Message-ID'),
          subject: header(raw, 'Subject') ?? '',
        });
        callback();
      });
    },
  });
  // A client killed mid-session (the kill tests) resets its connection: expected, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    failNext: (n) => {
      failing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface FakeSmsRu {
  url: string;
  sent: { apiId: string; to: string; msg: string; from: string | null }[];
  /** Answer the next n requests with an SMS.ru error code (e.g. 220: the service is temporarily unavailable). */
  failNext(n: number, code: number): void;
  close(): Promise<void>;
}

/** A local fake of SMS.ru's /sms/send: answers as it does (json=1) and records what it was asked to send. */
export async function startFakeSmsRu(apiId = 'test-api-id'): Promise<FakeSmsRu> {
  const sent: FakeSmsRu['sent'] = [];
  let failing = { n: 0, code: 220 };
  let seq = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const reply = (body: object) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url !== '/sms/send' || req.method !== 'POST') {
        res.writeHead(404);
        return res.end();
      }
      if (form.get('api_id') !== apiId) return reply({ status: 'ERROR', status_code: 200, status_text: 'Неправильный api_id' });
      if (failing.n > 0) {
        failing.n -= 1;
        return reply({ status: 'ERROR', status_code: failing.code, status_text: 'Сервис временно недоступен' });
      }
      const to = form.get('to') ?? '';
      const msg = form.get('msg') ?? '';
      if (!/^7\d{10}$/.test(to))
        return reply({
          status: 'OK',
          status_code: 100,
          sms: { [to]: { status: 'ERROR', status_code: 202, status_text: 'Неправильно указан номер' } },
        });
      sent.push({ apiId: form.get('api_id')!, to, msg, from: form.get('from') });
      seq += 1;
      reply({
        status: 'OK',
        status_code: 100,
        sms: { [to]: { status: 'OK', status_code: 100, sms_id: `000000-${String(seq).padStart(6, '0')}` } },
        balance: 100,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms/send`,
    sent,
    failNext: (n, code) => {
      failing = { n, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
