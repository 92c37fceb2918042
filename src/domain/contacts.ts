// Addresses a notice can be sent to: a Russian mobile number as gateways take it (7XXXXXXXXXX)
// and a plausible e-mail address. Anything else is not sent, and the outbox says why.

/** «+7 (914) 123-45-67», «8 914 123 45 67», «9141234567» → «79141234567»; null when it is not a Russian mobile. */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let d = raw.replace(/\D/g, '');
  if (d.length === 10 && d.startsWith('9')) d = `7${d}`;
  else if (d.length === 11 && d.startsWith('8')) d = `7${d.slice(1)}`;
  return /^79\d{9}$/.test(d) ? d : null;
}

/** A plausible e-mail address (one @, a dot in the domain, no spaces), trimmed; else null. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const s = raw?.trim();
  if (!s) return null;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? s : null;
}
