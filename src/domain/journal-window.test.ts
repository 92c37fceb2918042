import { describe, expect, it } from 'vitest';
import { entryWindowAt, entryWindowSettings } from './journal-window.js';

describe('entry window (п. 3.13)', () => {
  it('is open on the lesson date and the next day, by default', () => {
    expect(entryWindowAt('2026-11-20', { date: '2026-11-20', time: '09:00' }).state).toBe('open');
    expect(entryWindowAt('2026-11-20', { date: '2026-11-21', time: '23:59' }).state).toBe('open');
    const closed = entryWindowAt('2026-11-20', { date: '2026-11-22', time: '00:00' });
    expect(closed.state).toBe('closed');
    expect(closed.message).toBe('Срок внесения оценок за 20.11.2026 истёк. Подайте заявку на исправление.');
  });
  it('refuses future dates', () => {
    const w = entryWindowAt('2026-11-20', { date: '2026-11-19', time: '12:00' });
    expect(w.state).toBe('future');
    expect(w.message).toMatch(/ещё не наступило/);
  });
  it('follows the organization settings', () => {
    const s = entryWindowSettings(JSON.stringify({ journalEntryDays: 0, journalEntryCloseTime: '18:00' }));
    expect(entryWindowAt('2026-11-20', { date: '2026-11-20', time: '17:59' }, s).state).toBe('open');
    expect(entryWindowAt('2026-11-20', { date: '2026-11-20', time: '18:00' }, s).state).toBe('closed');
    expect(entryWindowSettings('{"journalEntryDays": -3}').days).toBe(1);
    expect(entryWindowSettings('not json').days).toBe(1);
  });
});
