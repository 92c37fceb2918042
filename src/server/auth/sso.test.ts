import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildPerson, buildRegionalAdmin, buildUser } from '../../../test/factories.js';
import { CookieJar, signInThrough, startTestProvider, type TestProvider } from '../../../test/oidc-provider.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Single sign-on through OpenID Connect (issue 15 item 12, decision 040), against a real provider
// (oidc-provider) in this process: the code flow with PKCE is driven by HTTP requests through the
// provider's login and consent pages and back to the journal's callback.
let s: TestServer;
let op: TestProvider;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
type Provider = { id: number; label: string; secretSet: boolean; callbackUrl: string; editable: boolean; forRegion: boolean };
type Settings = { providers: Provider[]; links: { id: number; subject: string; login: string | null; linkedBy: string }[] | null };

let collegeA: number;
let collegeB: number;
let adminA: ApiClient;
let adminB: ApiClient;
let region: ApiClient;
let teacherA: { id: number; login: string; personId: number };
let providerA: Provider;
let providerB: Provider;
const SECRET = 'the-client-secret-of-college-a';

const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
const audits = (action: string) =>
  s.db.selectFrom('audit_log').select(['organization_id', 'actor_user_id', 'reason', 'entity_id']).where('action', '=', action).execute();

/** A login through a provider from a fresh browser: the callback's redirect and the session it gave, if any. */
async function ssoLogin(providerId: number, subject: string, beforeCallback?: (u: URL) => URL) {
  const jar = new CookieJar();
  const r = await signInThrough(jar, `${s.url}/api/v1/auth/sso/${providerId}/start`, subject, { journal: s.url, beforeCallback });
  const me = new ApiClient(s.url);
  const sid = jar.cookies.get('ej_sid');
  if (sid) me.cookie = `ej_sid=${sid}`;
  return { ...r, jar, me, status: r.callback.status };
}

beforeAll(async () => {
  s = await startTestServer();
  op = await startTestProvider();
  collegeA = (await buildOrganization(s.db, { region: 'Приморский край' })).id;
  collegeB = (await buildOrganization(s.db, { region: 'Приморский край' })).id;
  adminA = await as(await buildUser(s.db, { orgId: collegeA, roles: ['admin'] }));
  adminB = await as(await buildUser(s.db, { orgId: collegeB, roles: ['admin'] }));
  region = await as(await buildRegionalAdmin(s.db, 'Приморский край'));
  teacherA = await buildUser(s.db, { orgId: collegeA, roles: ['teacher'], lastName: 'Соколова', firstName: 'Анна' });
}, 60_000);
afterAll(async () => {
  await s?.close();
  await op?.close();
});

describe('providers are configured by administrators', () => {
  it('a college administrator adds one: validated, the secret kept and never answered back', async () => {
    const bad = async (body: object, field: string) => {
      const r = await adminA.post<Err>('/sso/providers', {
        label: 'Госуслуги',
        issuer: op.issuer,
        clientId: 'a',
        clientSecret: 'x',
        ...body,
      });
      expect(r.status, field).toBe(400);
      expect(Object.keys(r.body.error.fields ?? {}), field).toContain(field);
    };
    await bad({ issuer: 'http://sso.example.ru' }, 'issuer');
    await bad({ issuer: 'not a url' }, 'issuer');
    await bad({ clientSecret: '' }, 'clientSecret');
    await bad({ label: '' }, 'label');
    const r = await adminA.call('POST /sso/providers', {
      body: { label: 'Вход колледжа А', issuer: op.issuer, clientId: 'college-a', clientSecret: SECRET, linkByEmail: true },
    });
    expect(r.status).toBe(201);
    providerA = r.body;
    expect(r.body).toMatchObject({ secretSet: true, editable: true, forRegion: false, linkByEmail: true });
    expect(r.body.callbackUrl).toBe(`${s.url}/api/v1/auth/sso/${r.body.id}/callback`);
    expect(JSON.stringify(r.body)).not.toContain(SECRET);
    expect(JSON.stringify((await adminA.get('/sso')).body)).not.toContain(SECRET);
    const created = await audits('sso.provider_created');
    expect(JSON.stringify(created)).not.toContain(SECRET);

    const b = await adminB.call('POST /sso/providers', {
      body: { label: 'Вход колледжа Б', issuer: op.issuer, clientId: 'college-b', clientSecret: 'secret-b', linkByEmail: true },
    });
    expect(b.status).toBe(201);
    providerB = b.body;
    op.client({ clientId: 'college-a', clientSecret: SECRET, redirectUris: [providerA.callbackUrl] });
    op.client({ clientId: 'college-b', clientSecret: 'secret-b', redirectUris: [providerB.callbackUrl] });
  });

  it('each college sees and changes only its own; the login page lists them without a session', async () => {
    const a = (await adminA.get<Settings>('/sso')).body;
    expect(a.providers.map((p) => p.id)).toEqual([providerA.id]);
    expect((await adminB.patch(`/sso/providers/${providerA.id}`, { label: 'Чужой' })).status).toBe(404);
    expect((await adminB.delete(`/sso/providers/${providerA.id}`)).status).toBe(404);
    const renamed = await adminA.call('PATCH /sso/providers/:id', {
      params: { id: providerA.id },
      body: { label: 'Госуслуги (колледж А)' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ label: 'Госуслуги (колледж А)', secretSet: true, clientId: 'college-a' });
    expect((await adminA.patch(`/sso/providers/${providerA.id}`, {})).status).toBe(400);
    const buttons = await new ApiClient(s.url).call('GET /auth/sso/providers');
    expect(buttons.status).toBe(200);
    expect(buttons.body).toEqual(
      expect.arrayContaining([
        { id: providerA.id, label: 'Госуслуги (колледж А)', startUrl: `/api/v1/auth/sso/${providerA.id}/start` },
        expect.objectContaining({ id: providerB.id }),
      ]),
    );
    expect(JSON.stringify(buttons.body)).not.toMatch(/college-a|secret|issuer/);
  });

  it('the start redirects to the provider with the code flow, PKCE S256, state and nonce, kept in the database', async () => {
    const res = await fetch(`${s.url}/api/v1/auth/sso/${providerA.id}/start`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(op.issuer);
    const q = to.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('college-a');
    expect(q.get('redirect_uri')).toBe(providerA.callbackUrl);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(q.get('scope')).toContain('openid');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ej_sso_state='))!;
    expect(cookie).toContain(`ej_sso_state=${q.get('state')}`);
    expect(cookie).toMatch(/HttpOnly/i);
    const flows = await s.db.selectFrom('sso_flows').select(['provider_id', 'code_verifier', 'state_hash']).execute();
    expect(flows.some((f) => f.provider_id === providerA.id && f.state_hash !== q.get('state') && f.code_verifier.length >= 43)).toBe(true);
    expect((await fetch(`${s.url}/api/v1/auth/sso/999999/start`, { redirect: 'manual' })).status).toBe(404);
  });
});

describe('a login through the provider', () => {
  it('a subject the administrator linked logs in as that person, with the same session as a password login', async () => {
    op.accounts.set('sub-sokolova', { email: 'sokolova-other@mail.ru', email_verified: true });
    const bad = await adminA.post<Err>('/sso/links', { providerId: providerA.id, subject: 'sub-sokolova', login: 'nobody-here' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('login');
    expect((await adminA.post<Err>('/sso/links', { providerId: providerB.id, subject: 'x', login: teacherA.login })).status).toBe(400);
    const link = await adminA.call('POST /sso/links', {
      body: { providerId: providerA.id, subject: 'sub-sokolova', login: teacherA.login },
    });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({
      subject: 'sub-sokolova',
      login: teacherA.login,
      linkedBy: 'admin',
      fullName: expect.stringContaining('Соколова'),
    });
    expect((await adminA.post('/sso/links', { providerId: providerA.id, subject: 'sub-sokolova', login: teacherA.login })).status).toBe(
      409,
    );

    const r = await ssoLogin(providerA.id, 'sub-sokolova');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/');
    expect(r.visited.some((u) => u.startsWith(`${op.issuer}/interaction/`))).toBe(true);
    const me = await r.me.call('GET /auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(teacherA.id);
    expect(me.body.roles.map((x) => x.role)).toContain('teacher');
    expect(r.jar.cookies.has('ej_sso_state')).toBe(false);
    const logins = await audits('auth.login');
    expect(logins).toContainEqual(
      expect.objectContaining({ organization_id: collegeA, actor_user_id: teacherA.id, reason: `sso:${providerA.id}` }),
    );
    // The state served once: the same callback again is refused.
    const again = await r.jar.fetch(r.visited[r.visited.length - 1]);
    expect(again.headers.get('location')).toBe('/?sso=state');
  });

  it('a first login by a verified e-mail of exactly one person of the college links and logs in', async () => {
    const p = await buildPerson(s.db, collegeA, { lastName: 'Петров', firstName: 'Илья' });
    await s.db.updateTable('persons').set({ email: ' Petrov.Ilya@College.ru' }).where('id', '=', p.id).execute();
    const u = await buildUser(s.db, { orgId: collegeA, personId: p.id, roles: ['teacher'] });
    op.accounts.set('sub-petrov', { email: 'petrov.ilya@college.ru', email_verified: true });
    const r = await ssoLogin(providerA.id, 'sub-petrov');
    expect(r.location).toBe('/');
    expect((await r.me.call('GET /auth/me')).body.user.id).toBe(u.id);
    const links = (await adminA.get<Settings>('/sso')).body.links!;
    expect(links).toContainEqual(expect.objectContaining({ subject: 'sub-petrov', login: u.login, linkedBy: 'email' }));
    expect((await audits('sso.linked')).some((a) => a.entity_id === String(p.id) && a.actor_user_id === null)).toBe(true);
    // The second time the link is used, whatever the e-mail says now.
    op.accounts.set('sub-petrov', { email: 'changed@mail.ru', email_verified: false });
    expect((await ssoLogin(providerA.id, 'sub-petrov')).location).toBe('/');
  });

  it('an unverified e-mail is refused: no link, no session, the failure audited', async () => {
    const p = await buildPerson(s.db, collegeA, { lastName: 'Орлова', firstName: 'Вера' });
    await s.db.updateTable('persons').set({ email: 'orlova@college.ru' }).where('id', '=', p.id).execute();
    await buildUser(s.db, { orgId: collegeA, personId: p.id, roles: ['teacher'] });
    op.accounts.set('sub-orlova', { email: 'orlova@college.ru', email_verified: false });
    const r = await ssoLogin(providerA.id, 'sub-orlova');
    expect(r.location).toBe('/?sso=email_unverified');
    expect(r.jar.cookies.has('ej_sid')).toBe(false);
    expect(await s.db.selectFrom('sso_links').select('id').where('subject', '=', 'sub-orlova').execute()).toEqual([]);
    expect(await audits('auth.sso_failed')).toContainEqual(
      expect.objectContaining({ organization_id: collegeA, reason: expect.stringMatching(/^email_unverified/) }),
    );
  });

  it('a callback with a state other than the one this browser started is refused', async () => {
    op.accounts.set('sub-sokolova', { email: 'sokolova-other@mail.ru', email_verified: true });
    const forged = await ssoLogin(providerA.id, 'sub-sokolova', (u) => {
      u.searchParams.set('state', 'forged-state-of-another-login-000000');
      return u;
    });
    expect(forged.location).toBe('/?sso=state');
    expect(forged.jar.cookies.has('ej_sid')).toBe(false);
    // The right state from another browser (without this browser's cookie) is refused as well.
    const jar = new CookieJar();
    let callbackUrl = '';
    await signInThrough(jar, `${s.url}/api/v1/auth/sso/${providerA.id}/start`, 'sub-sokolova', {
      journal: s.url,
      beforeCallback: (u) => ((callbackUrl = u.href), new URL(`${s.url}/api/v1/openapi.json`)),
    });
    const other = await fetch(callbackUrl, { redirect: 'manual' });
    expect(other.headers.get('location')).toBe('/?sso=state');
    expect(other.headers.getSetCookie().some((c) => c.startsWith('ej_sid=') && !c.startsWith('ej_sid=;'))).toBe(false);
    expect((await audits('auth.sso_failed')).filter((a) => a.reason === 'state').length).toBeGreaterThanOrEqual(2);
  });

  it('another college’s person is not reached through a college’s provider, by e-mail or by a link', async () => {
    const p = await buildPerson(s.db, collegeB, { lastName: 'Зайцев', firstName: 'Олег' });
    await s.db.updateTable('persons').set({ email: 'zaitsev@college-b.ru' }).where('id', '=', p.id).execute();
    const userB = await buildUser(s.db, { orgId: collegeB, personId: p.id, roles: ['teacher'] });
    op.accounts.set('sub-zaitsev', { email: 'zaitsev@college-b.ru', email_verified: true });
    const r = await ssoLogin(providerA.id, 'sub-zaitsev');
    expect(r.location).toBe('/?sso=not_linked');
    expect(r.jar.cookies.has('ej_sid')).toBe(false);
    // College A's administrator cannot link B's login; B's own provider logs the person in.
    expect((await adminA.post('/sso/links', { providerId: providerA.id, subject: 'sub-zaitsev', login: userB.login })).status).toBe(400);
    expect((await adminB.post('/sso/links', { providerId: providerA.id, subject: 'sub-zaitsev', login: userB.login })).status).toBe(400);
    const own = await ssoLogin(providerB.id, 'sub-zaitsev');
    expect(own.location).toBe('/');
    expect((await own.me.call('GET /auth/me')).body.user.id).toBe(userB.id);
  });

  it('a blocked login and a suspended college are refused as for a password', async () => {
    await s.db.updateTable('users').set({ is_active: 0 }).where('id', '=', teacherA.id).execute();
    expect((await ssoLogin(providerA.id, 'sub-sokolova')).location).toBe('/?sso=disabled');
    await s.db.updateTable('users').set({ is_active: 1 }).where('id', '=', teacherA.id).execute();
    await s.db.updateTable('organizations').set({ status: 'suspended' }).where('id', '=', collegeA).execute();
    const r = await fetch(`${s.url}/api/v1/auth/sso/${providerA.id}/start`, { redirect: 'manual' });
    expect(r.status).toBe(404);
    expect((await new ApiClient(s.url).call('GET /auth/sso/providers')).body.map((b) => b.id)).not.toContain(providerA.id);
    await s.db.updateTable('organizations').set({ status: 'active' }).where('id', '=', collegeA).execute();
    expect((await ssoLogin(providerA.id, 'sub-sokolova')).location).toBe('/');
  });

  it('the callback may reach another process of the journal: the login in progress is kept in the database', async () => {
    const peer = await s.peer();
    // Both processes build the redirect URI from PUBLIC_URL, as behind a load balancer.
    s.config.publicUrl = s.url;
    try {
      const r = await ssoLogin(providerA.id, 'sub-sokolova', (u) => new URL(`${peer.url}${u.pathname}${u.search}`));
      expect(r.visited[r.visited.length - 1].startsWith(peer.url)).toBe(true);
      expect(r.location).toBe('/');
      expect((await r.me.call('GET /auth/me')).body.user.id).toBe(teacherA.id);
    } finally {
      s.config.publicUrl = null;
      await peer.close();
    }
  });

  it('the administrator unlinks: the subject no longer logs in', async () => {
    const links = (await adminA.get<Settings>('/sso')).body.links!;
    const link = links.find((l) => l.subject === 'sub-sokolova')!;
    expect((await adminB.delete(`/sso/links/${link.id}`)).status).toBe(404);
    expect((await adminA.call('DELETE /sso/links/:id', { params: { id: link.id } })).status).toBe(200);
    expect((await ssoLogin(providerA.id, 'sub-sokolova')).location).toBe('/?sso=not_linked');
  });
});

describe('links on the person’s card', () => {
  type Card = {
    providers: { id: number; label: string }[];
    links: { id: number; subject: string; providerId: number }[];
    login: string | null;
  };
  it('the administrator sees, links and unlinks a person there, audited; the «Единый вход» list shows the same link', async () => {
    const p = await buildPerson(s.db, collegeA, { lastName: 'Киселёва', firstName: 'Нина' });
    const u = await buildUser(s.db, { orgId: collegeA, personId: p.id, roles: ['teacher'] });
    const card = await adminA.call('GET /sso/persons/:id', { params: { id: p.id } });
    expect(card.status).toBe(200);
    expect(card.body.login).toBe(u.login);
    expect(card.body.links).toEqual([]);
    expect(card.body.providers.map((x) => x.id)).toContain(providerA.id);
    expect(card.body.providers.map((x) => x.id)).not.toContain(providerB.id);

    // Another college's administrator, a teacher, an unknown person: refused.
    expect((await adminB.get(`/sso/persons/${p.id}`)).status).toBe(404);
    expect((await adminB.post(`/sso/persons/${p.id}/links`, { providerId: providerB.id, subject: 'sub-x' })).status).toBe(404);
    expect((await (await as(u)).get(`/sso/persons/${p.id}`)).status).toBe(403);
    expect((await adminA.get('/sso/persons/99999999')).status).toBe(404);
    // Another college's provider is not offered; an empty subject is named.
    const wrong = await adminA.post<Err>(`/sso/persons/${p.id}/links`, { providerId: providerB.id, subject: 'sub-kiseleva' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty('providerId');
    const empty = await adminA.post<Err>(`/sso/persons/${p.id}/links`, { providerId: providerA.id, subject: ' ' });
    expect(empty.body.error.fields).toHaveProperty('subject');

    const made = await adminA.call('POST /sso/persons/:id/links', {
      params: { id: p.id },
      body: { providerId: providerA.id, subject: 'sub-kiseleva' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ personId: p.id, subject: 'sub-kiseleva', login: u.login, linkedBy: 'admin' });
    expect((await audits('sso.linked')).some((a) => a.entity_id === String(p.id) && a.actor_user_id !== null)).toBe(true);
    expect((await adminA.get<Card>(`/sso/persons/${p.id}`)).body.links).toEqual([
      expect.objectContaining({ id: made.body.id, subject: 'sub-kiseleva', providerId: providerA.id }),
    ]);
    expect((await adminA.get<Settings>('/sso')).body.links).toContainEqual(expect.objectContaining({ id: made.body.id, personId: p.id }));
    // Linked once per provider; the subject signs in as this person.
    op.accounts.set('sub-kiseleva', { email: 'kiseleva@mail.ru', email_verified: true });
    expect((await adminA.post(`/sso/persons/${p.id}/links`, { providerId: providerA.id, subject: 'sub-kiseleva-2' })).status).toBe(409);
    const login = await ssoLogin(providerA.id, 'sub-kiseleva');
    expect((await login.me.call('GET /auth/me')).body.user.id).toBe(u.id);

    expect((await adminA.call('DELETE /sso/links/:id', { params: { id: made.body.id } })).status).toBe(200);
    expect((await adminA.get<Card>(`/sso/persons/${p.id}`)).body.links).toEqual([]);
    expect((await audits('sso.unlinked')).some((a) => a.entity_id === String(p.id))).toBe(true);
    expect((await ssoLogin(providerA.id, 'sub-kiseleva')).location).toBe('/?sso=not_linked');
  });

  it('a person without a login cannot be linked: there would be no one to sign in', async () => {
    const p = await buildPerson(s.db, collegeA, { lastName: 'Белов', firstName: 'Олег' });
    expect((await adminA.get<Card>(`/sso/persons/${p.id}`)).body.login).toBeNull();
    const r = await adminA.post<Err>(`/sso/persons/${p.id}/links`, { providerId: providerA.id, subject: 'sub-belov' });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/нет логина/);
    expect(await s.db.selectFrom('sso_links').select('id').where('person_id', '=', p.id).execute()).toEqual([]);
  });
});

describe('the region’s provider', () => {
  it('the regional administrator keeps it; every college of the region sees it, links to it and logs in through it', async () => {
    const r = await region.call('POST /sso/providers', {
      body: { label: 'Региональный вход', issuer: op.issuer, clientId: 'region', clientSecret: 'secret-r', linkByEmail: true },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ forRegion: true, editable: true });
    op.client({ clientId: 'region', clientSecret: 'secret-r', redirectUris: [r.body.callbackUrl] });
    const regionSettings = (await region.get<Settings>('/sso')).body;
    expect(regionSettings.links).toBeNull();
    expect((await region.post('/sso/links', { providerId: r.body.id, subject: 'x', login: teacherA.login })).status).toBe(403);
    const seen = (await adminA.get<Settings>('/sso')).body.providers.find((p) => p.id === r.body.id);
    expect(seen).toMatchObject({ forRegion: true, editable: false });
    expect((await adminA.patch(`/sso/providers/${r.body.id}`, { label: 'Моё' })).status).toBe(404);
    // A teacher of B found by e-mail among the region's colleges.
    op.accounts.set('sub-regional-zaitsev', { email: 'ZAITSEV@college-b.ru', email_verified: true });
    const login = await ssoLogin(r.body.id, 'sub-regional-zaitsev');
    expect(login.location).toBe('/');
    expect((await login.me.call('GET /auth/me')).body.organization.id).toBe(collegeB);
    expect((await adminB.get<Settings>('/sso')).body.links).toContainEqual(expect.objectContaining({ subject: 'sub-regional-zaitsev' }));
    expect((await adminA.get<Settings>('/sso')).body.links!.some((l) => l.subject === 'sub-regional-zaitsev')).toBe(false);
  });

  it('a teacher has no access to the settings; deleting a provider takes its links with it', async () => {
    const t = await as(await buildUser(s.db, { orgId: collegeA, roles: ['teacher'] }));
    expect((await t.get('/sso')).status).toBe(403);
    expect((await new ApiClient(s.url).get('/sso')).status).toBe(401);
    expect((await adminB.call('DELETE /sso/providers/:id', { params: { id: providerB.id } })).status).toBe(200);
    expect(await s.db.selectFrom('sso_links').select('id').where('provider_id', '=', providerB.id).execute()).toEqual([]);
    expect((await audits('sso.provider_deleted')).length).toBe(1);
  });
});
