import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

// argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): @node-rs/argon2's defaults.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// No look-alike characters (0/O, 1/l/I): the password is read off a printed slip.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random temporary password for a credential slip. */
export function temporaryPassword(length = 10): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** Why a new password is not acceptable, or null. */
export function passwordProblem(password: string, login: string): string | null {
  if (password.length < 8) return 'Пароль должен быть не короче 8 символов.';
  if (password.length > 200) return 'Пароль слишком длинный.';
  if (password.toLowerCase() === login.toLowerCase()) return 'Пароль не должен совпадать с логином.';
  if (!/[0-9]/.test(password) || !/[^0-9]/.test(password)) return 'Пароль должен содержать и цифры, и буквы.';
  return null;
}
