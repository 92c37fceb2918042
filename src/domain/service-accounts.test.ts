import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from './permissions.js';
import { accountGrants, bearerToken, beyondGrant, grantablePermissions, tokenHint, tokenState } from './service-accounts.js';

const TOKEN = `ej_${'A'.repeat(20)}-_${'z9'.repeat(10)}b`;

describe('a bearer token in the Authorization header', () => {
  it('is read from «Bearer <token>», whatever the case of the scheme and the spaces around', () => {
    expect(TOKEN).toHaveLength(46);
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`bearer   ${TOKEN} `)).toBe(TOKEN);
  });
  it('is absent without the header or with another scheme (the session cookie decides then)', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('')).toBeNull();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
  });
  it('is malformed without the prefix, with a wrong length or with characters outside base64url', () => {
    expect(bearerToken(`Bearer ${TOKEN.slice(3)}`)).toBe('malformed');
    expect(bearerToken(`Bearer ${TOKEN}x`)).toBe('malformed');
    expect(bearerToken(`Bearer ${TOKEN.slice(0, -1)}=`)).toBe('malformed');
    expect(bearerToken('Bearer')).toBe('malformed');
  });
  it('is shown after creation only as its prefix and first characters', () => {
    expect(tokenHint(TOKEN)).toBe('ej_AAAAAA…');
  });
});

describe('an account never holds more than its creator may grant', () => {
  it('a college administrator gives what they hold across the college, never the management of accounts', () => {
    const g = grantablePermissions(['admin'], 'college');
    expect(g).toEqual(expect.arrayContaining(['people:read', 'journal:read', 'structure:write', 'timetable:read']));
    expect(g).not.toContain('integrations:manage');
    for (const p of g) expect(ROLE_PERMISSIONS.admin[p], p).toBe('org');
    expect(beyondGrant(['people:read', 'journal:read'], g)).toEqual([]);
  });
  it('a college administrator gives nothing for the region; the regional permissions are beyond them', () => {
    expect(grantablePermissions(['admin'], 'region')).toEqual([]);
    expect(beyondGrant(['region:read'], grantablePermissions(['admin'], 'college'))).toEqual(['region:read']);
  });
  it('a teacher’s own assignments and a curator’s group are not the college: only what they hold across it is grantable', () => {
    const g = grantablePermissions(['teacher', 'curator'], 'college');
    expect(g).toContain('structure:read');
    expect(beyondGrant(['journal:write', 'people:read'], g)).toEqual(['journal:write', 'people:read']);
  });
  it('the regional administrator gives a college what its administrator holds, and the region what it holds there and the observer’s reading', () => {
    expect(grantablePermissions(['regional_admin'], 'college')).toEqual(grantablePermissions(['admin'], 'college'));
    expect(grantablePermissions(['regional_admin'], 'region').sort()).toEqual([
      'backup:make',
      'backup:read',
      'region:colleges',
      'region:read',
      'region:reports',
      'sso:providers',
    ]);
    expect(grantablePermissions(['regional_admin'], 'region')).not.toContain('integrations:manage');
  });
  it('names what is beyond the grant', () => {
    const g = grantablePermissions(['admin'], 'college');
    expect(beyondGrant(['people:read', 'region:colleges', 'integrations:manage'], g)).toEqual(['region:colleges', 'integrations:manage']);
  });
});

describe('what a token holds and when it may be used', () => {
  it('holds each named permission across its college or its region', () => {
    expect(accountGrants(['people:read', 'journal:read'], 'college')).toEqual({ 'people:read': ['org'], 'journal:read': ['org'] });
    expect(accountGrants(['region:read'], 'region')).toEqual({ 'region:read': ['region'] });
  });
  it('works through its last day and is refused from the next, or once revoked', () => {
    expect(tokenState({ revokedAt: null, expiresOn: null }, '2026-11-29')).toBe('active');
    expect(tokenState({ revokedAt: null, expiresOn: '2026-11-29' }, '2026-11-29')).toBe('active');
    expect(tokenState({ revokedAt: null, expiresOn: '2026-11-28' }, '2026-11-29')).toBe('expired');
    expect(tokenState({ revokedAt: '2026-11-01T00:00:00.000Z', expiresOn: null }, '2026-11-29')).toBe('revoked');
  });
});
