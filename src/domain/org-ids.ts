// The identifiers of a college as a legal entity: ИНН (10 digits for an organization, 12 for a
// person) and ОГРН (13 digits; ОГРНИП, 15). Each carries check digits; a typo is caught here.

const digits = (s: string) => [...s].map(Number);

/** Why an ИНН is wrong, in Russian; null when it is valid. */
export function innProblem(inn: string): string | null {
  if (!/^\d+$/.test(inn)) return 'ИНН состоит только из цифр.';
  if (inn.length !== 10 && inn.length !== 12) return 'ИНН организации — 10 цифр (12 — у индивидуального предпринимателя).';
  const d = digits(inn);
  const check = (weights: number[]) => (weights.reduce((sum, w, i) => sum + w * d[i], 0) % 11) % 10;
  if (inn.length === 10) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9] ? null : 'Неверное контрольное число ИНН.';
  const ok = check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
  return ok ? null : 'Неверное контрольное число ИНН.';
}

/** Why an ОГРН (or ОГРНИП) is wrong, in Russian; null when it is valid. */
export function ogrnProblem(ogrn: string): string | null {
  if (!/^\d+$/.test(ogrn)) return 'ОГРН состоит только из цифр.';
  if (ogrn.length !== 13 && ogrn.length !== 15) return 'ОГРН — 13 цифр (ОГРНИП — 15).';
  const body = BigInt(ogrn.slice(0, -1));
  const mod = ogrn.length === 13 ? 11n : 13n;
  const check = Number((body % mod) % 10n);
  return check === Number(ogrn.at(-1)) ? null : 'Неверное контрольное число ОГРН.';
}

/** The IANA time zones this runtime knows (the college's clock: lessons, entry windows, jobs). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('ru', { timeZone: tz });
  } catch {
    return false;
  }
  return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(tz);
}
