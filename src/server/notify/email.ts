import nodemailer, { type Transporter } from 'nodemailer';
import type { NotifyConfig } from './config.js';

// E-mail over SMTP (nodemailer). Each message carries the Message-ID fixed when it was enqueued,
// so a retry of the same message is recognisably the same message; every one ends with the link
// that unsubscribes its recipient from that kind of e-mail (also as List-Unsubscribe).

export interface Email {
  to: string;
  subject: string;
  text: string;
  /** An absolute link into the web app, or null. */
  link: string | null;
  unsubscribeUrl: string;
  messageId: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** A failed send: permanent ones (a refused address) are not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

export function emailBody(e: Pick<Email, 'text' | 'link' | 'unsubscribeUrl'>): string {
  return [
    e.text.trimEnd(),
    ...(e.link ? ['', `Открыть в электронном журнале: ${e.link}`] : []),
    '',
    '—',
    'Это письмо отправлено электронным журналом колледжа автоматически.',
    `Отписаться от таких писем: ${e.unsubscribeUrl}`,
  ].join('\n');
}

export class EmailSender {
  private transport: Transporter | null = null;
  constructor(private readonly cfg: NotifyConfig['smtp']) {}

  async send(e: Email): Promise<string | null> {
    if (!this.cfg.host) throw new DeliveryError('Отправка почты не настроена: задайте SMTP_HOST');
    this.transport ??= nodemailer.createTransport({
      host: this.cfg.host,
      port: this.cfg.port,
      secure: this.cfg.secure,
      pool: true,
      maxConnections: 8,
      maxMessages: 1000,
      ...(this.cfg.user ? { auth: { user: this.cfg.user, pass: this.cfg.password ?? '' } } : {}),
    });
    try {
      const info = await this.transport.sendMail({
        from: this.cfg.from,
        to: e.to,
        subject: e.subject,
        text: emailBody(e),
        messageId: e.messageId,
        headers: { 'List-Unsubscribe': `<${e.unsubscribeUrl}>`, 'Auto-Submitted': 'auto-generated' },
        attachments: e.attachments,
      });
      if ((info.rejected?.length ?? 0) > 0) throw new DeliveryError(`Сервер почты отклонил адрес ${e.to}`, true);
      return info.response ?? null;
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      const x = err as { responseCode?: number; message?: string; code?: string };
      const permanent = typeof x.responseCode === 'number' && x.responseCode >= 500 && x.responseCode < 600;
      throw new DeliveryError(
        `Ошибка SMTP: ${x.responseCode ? `${x.responseCode} ` : ''}${x.message ?? x.code ?? String(err)}`.slice(0, 500),
        permanent,
      );
    }
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
