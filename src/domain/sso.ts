import { normalizeEmail } from './contacts.js';

// Single sign-on through OpenID Connect (issue 15 item 12, decision 040): what an issuer may be,
// whom a first login by e-mail links, and what a refused login tells the person.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An issuer is an https URL without a query or fragment; plain http is taken only on this computer
 * (localhost, 127.0.0.1, [::1]) — a provider run beside the journal, or in its tests.
 */
export function issuerProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Укажите адрес провайдера целиком, например https://sso.example.ru.';
  }
  if (url.search || url.hash) return 'Адрес провайдера указывается без параметров запроса и «#».';
  if (url.username || url.password) return 'Адрес провайдера не должен содержать логин и пароль.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url)) return null;
  return 'Адрес провайдера должен начинаться с https:// (http:// допускается только для localhost).';
}

export const isLoopback = (url: URL): boolean => url.protocol === 'http:' && LOOPBACK.has(url.hostname);

/** An e-mail as it is compared: trimmed, checked, lower-cased; null when it is not an address. */
export function emailKey(raw: string | null | undefined): string | null {
  return normalizeEmail(raw)?.toLowerCase() ?? null;
}

/** Why a login through a provider is refused: the code travels in the login page's address, the message is shown there. */
export const SSO_REFUSALS = {
  not_linked:
    'Эта учётная запись провайдера не связана ни с кем в журнале. Попросите администратора колледжа связать её с вашей учётной записью или войдите по логину и паролю.',
  email_unverified:
    'Провайдер не подтвердил ваш адрес электронной почты, поэтому связать учётные записи автоматически нельзя. Обратитесь к администратору колледжа.',
  email_ambiguous:
    'Этот адрес электронной почты указан у нескольких людей в журнале, поэтому связать учётные записи автоматически нельзя. Обратитесь к администратору колледжа.',
  no_login: 'У вас нет учётной записи в журнале. Обратитесь к администратору колледжа.',
  disabled: 'Учётная запись отключена. Обратитесь к администратору журнала.',
  suspended:
    'Работа колледжа в журнале приостановлена региональным администратором. Данные сохранены; возобновить работу может только он — обратитесь к администрации колледжа.',
  state: 'Вход не завершён: ссылка устарела или открыта в другом браузере. Начните вход заново.',
  provider: 'Провайдер отказал во входе или не ответил. Попробуйте ещё раз или войдите по логину и паролю.',
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

export const isSsoRefusal = (code: string | null | undefined): code is SsoRefusal => !!code && Object.hasOwn(SSO_REFUSALS, code);

export type EmailLinkDecision = { link: number } | { refuse: SsoRefusal };

/**
 * A first login with no link: whom the provider's verified e-mail names. Only `email_verified: true`
 * counts, and only when exactly one person of the colleges the provider serves has that address.
 */
export function emailLinkDecision(
  allowed: boolean,
  claims: { email?: unknown; email_verified?: unknown },
  persons: readonly { id: number; email: string | null }[],
): EmailLinkDecision {
  if (!allowed) return { refuse: 'not_linked' };
  const key = typeof claims.email === 'string' ? emailKey(claims.email) : null;
  if (!key) return { refuse: 'not_linked' };
  if (claims.email_verified !== true) return { refuse: 'email_unverified' };
  const matches = persons.filter((p) => emailKey(p.email) === key);
  if (matches.length === 0) return { refuse: 'not_linked' };
  if (matches.length > 1) return { refuse: 'email_ambiguous' };
  return { link: matches[0].id };
}
