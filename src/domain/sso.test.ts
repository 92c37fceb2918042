import { describe, expect, it } from 'vitest';
import { emailKey, emailLinkDecision, isSsoRefusal, issuerProblem } from './sso.js';

describe('an issuer', () => {
  it('is https, or http on this computer only', () => {
    expect(issuerProblem('https://sso.example.ru')).toBeNull();
    expect(issuerProblem('https://esia.gosuslugi.ru/realms/college')).toBeNull();
    expect(issuerProblem('http://localhost:8080')).toBeNull();
    expect(issuerProblem('http://127.0.0.1:4000/oidc')).toBeNull();
    expect(issuerProblem('http://sso.example.ru')).toMatch(/https/);
    expect(issuerProblem('ftp://sso.example.ru')).toMatch(/https/);
    expect(issuerProblem('sso.example.ru')).toMatch(/целиком/);
    expect(issuerProblem('https://sso.example.ru/?a=1')).toMatch(/без параметров/);
    expect(issuerProblem('https://user:pw@sso.example.ru')).toMatch(/логин и пароль/);
  });
});

describe('a first login by e-mail', () => {
  const persons = [
    { id: 1, email: 'Ivanova@College.ru ' },
    { id: 2, email: null },
    { id: 3, email: 'twin@college.ru' },
    { id: 4, email: 'TWIN@college.ru' },
  ];
  it('links the one person with the verified address, whatever its case and spaces', () => {
    expect(emailLinkDecision(true, { email: 'ivanova@college.ru', email_verified: true }, persons)).toEqual({ link: 1 });
    expect(emailKey(' A@B.ru ')).toBe('a@b.ru');
  });
  it('refuses an unverified address, a string «true», two people with it, no one with it, or linking switched off', () => {
    expect(emailLinkDecision(true, { email: 'ivanova@college.ru', email_verified: false }, persons)).toEqual({
      refuse: 'email_unverified',
    });
    expect(emailLinkDecision(true, { email: 'ivanova@college.ru', email_verified: 'true' }, persons)).toEqual({
      refuse: 'email_unverified',
    });
    expect(emailLinkDecision(true, { email: 'ivanova@college.ru' }, persons)).toEqual({ refuse: 'email_unverified' });
    expect(emailLinkDecision(true, { email: 'twin@college.ru', email_verified: true }, persons)).toEqual({ refuse: 'email_ambiguous' });
    expect(emailLinkDecision(true, { email: 'nobody@college.ru', email_verified: true }, persons)).toEqual({ refuse: 'not_linked' });
    expect(emailLinkDecision(true, { email_verified: true }, persons)).toEqual({ refuse: 'not_linked' });
    expect(emailLinkDecision(false, { email: 'ivanova@college.ru', email_verified: true }, persons)).toEqual({ refuse: 'not_linked' });
  });
  it('names its refusals by codes the login page knows', () => {
    expect(isSsoRefusal('email_unverified')).toBe(true);
    expect(isSsoRefusal('toString')).toBe(false);
    expect(isSsoRefusal(null)).toBe(false);
  });
});
