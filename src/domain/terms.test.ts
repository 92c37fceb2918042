import { describe, expect, it } from 'vitest';
import { defaultTerm } from './terms.js';

const terms = [
  { id: 2, startDate: '2027-01-12', endDate: '2027-06-30' },
  { id: 1, startDate: '2026-09-01', endDate: '2026-12-28' },
];

describe('defaultTerm', () => {
  it('opens the term in progress', () => {
    expect(defaultTerm(terms, '2026-11-30')?.id).toBe(1);
    expect(defaultTerm(terms, '2027-01-12')?.id).toBe(2);
  });
  it('between terms opens the one that ended last, whose grades are being finished', () => {
    expect(defaultTerm(terms, '2027-01-05')?.id).toBe(1);
  });
  it('before the first term opens the first, after the last the last', () => {
    expect(defaultTerm(terms, '2026-08-20')?.id).toBe(1);
    expect(defaultTerm(terms, '2027-08-01')?.id).toBe(2);
  });
  it('has none without terms', () => {
    expect(defaultTerm([], '2026-11-30')).toBeNull();
  });
});
