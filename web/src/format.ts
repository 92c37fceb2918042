const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];

/** 28.11.2026 */
export function dateRu(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** «суббота, 28 ноября 2026» */
export function dateLongRu(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[wd]}, ${d} ${MONTHS[m - 1]} ${y}`;
}

/** A timestamp in the college's time zone: «28.11.2026 14:05». */
export function dateTimeRu(isoInstant: string | null | undefined, timeZone: string): string {
  if (!isoInstant) return '';
  return new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(isoInstant));
}

// Counts and numbers: the same Russian rules as the server's messages.
export { averageRu, countRu, decimalRu, NOUNS, numberRu, percentRu, pluralForm, secondsRu, shareRu } from '../../src/domain/russian.js';
