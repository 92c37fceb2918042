import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './contacts.js';

describe('contacts', () => {
  it('reads a Russian mobile number in its usual spellings', () => {
    expect(normalizePhone('+7 (914) 123-45-67')).toBe('79141234567');
    expect(normalizePhone('8 914 123 45 67')).toBe('79141234567');
    expect(normalizePhone('9141234567')).toBe('79141234567');
    expect(normalizePhone('8 (4232) 12-34-56')).toBeNull();
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone(null)).toBeNull();
  });
  it('takes a plausible e-mail address', () => {
    expect(normalizeEmail(' ivanova@mail.ru ')).toBe('ivanova@mail.ru');
    expect(normalizeEmail('ivanova@mail')).toBeNull();
    expect(normalizeEmail('a b@mail.ru')).toBeNull();
  });
});
