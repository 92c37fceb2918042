import type { NotifyConfig } from './config.js';
import { DeliveryError } from './email.js';

// SMS through an HTTP gateway shaped after SMS.ru's public API (https://sms.ru/api/send):
// POST /sms/send with api_id, to, msg, from (a registered sender name) and json=1; the answer is
// {"status":"OK","sms":{"7914…":{"status":"OK","status_code":100,"sms_id":"…"}}} or
// {"status":"ERROR","status_code":…,"status_text":"…"}. Tests run a local fake of it (test/fake-sms-ru.ts).

interface SmsRuAnswer {
  status?: string;
  status_code?: number;
  status_text?: string;
  sms?: Record<string, { status?: string; status_code?: number; status_text?: string; sms_id?: string }>;
}

/** SMS.ru's codes that no retry will change (a bad number, a banned text, a refused sender). */
const PERMANENT = new Set([202, 203, 204, 205, 207, 208, 209, 230, 231, 232, 233]);

export class SmsSender {
  constructor(private readonly cfg: NotifyConfig['sms']) {}

  async send(to: string, text: string): Promise<string | null> {
    if (!this.cfg.apiId) throw new DeliveryError('Отправка SMS не настроена: задайте SMS_API_ID');
    const form = new URLSearchParams({ api_id: this.cfg.apiId, to, msg: text, json: '1' });
    if (this.cfg.from) form.set('from', this.cfg.from);
    let answer: SmsRuAnswer;
    try {
      const res = await fetch(this.cfg.url, { method: 'POST', body: form, signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new DeliveryError(`Шлюз SMS ответил ${res.status}`);
      answer = (await res.json()) as SmsRuAnswer;
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      throw new DeliveryError(`Шлюз SMS недоступен: ${(err as Error).message}`.slice(0, 500));
    }
    if (answer.status !== 'OK') {
      throw new DeliveryError(
        `Шлюз SMS: ${answer.status_text ?? 'ошибка'} (код ${answer.status_code ?? '?'})`,
        PERMANENT.has(answer.status_code ?? 0),
      );
    }
    const one = answer.sms?.[to];
    if (!one || one.status !== 'OK') {
      throw new DeliveryError(
        `Шлюз SMS: ${one?.status_text ?? 'номер не принят'} (код ${one?.status_code ?? '?'})`,
        PERMANENT.has(one?.status_code ?? 0),
      );
    }
    return one.sms_id ?? null;
  }
}
