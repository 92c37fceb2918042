import { afterEach, describe, expect, it } from 'vitest';
import { now, setClock } from './clock.js';
import { todayIn } from './dates.js';

afterEach(() => setClock(null));

describe('clock', () => {
  it('starts at the given instant and runs on; today follows it', async () => {
    setClock('2027-03-01T00:30:00Z');
    expect(todayIn('Asia/Vladivostok')).toBe('2027-03-01');
    const a = now().getTime();
    await new Promise((r) => setTimeout(r, 20));
    expect(now().getTime() - a).toBeGreaterThanOrEqual(15);
    expect(Math.abs(a - Date.parse('2027-03-01T00:30:00Z'))).toBeLessThan(1000);
  });
  it('null restores real time', () => {
    setClock('2000-01-01T00:00:00Z');
    setClock(null);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(50);
  });
});
