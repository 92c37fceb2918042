import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

// A real OpenID Connect provider in this process (oidc-provider, with its development login and
// consent pages), on a port of its own: a test registers clients with their redirect URIs and the
// accounts it signs in (subject → claims), then drives the code flow with plain HTTP requests.

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  accounts: Map<string, TestAccount>;
  /** Registers (or replaces) a client; the provider is rebuilt with it. */
  client(c: { clientId: string; clientSecret: string; redirectUris: string[] }): void;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const accounts = new Map<string, TestAccount>();
  const clients = new Map<string, { client_id: string; client_secret: string; redirect_uris: string[] }>();
  let handler: ReturnType<Provider['callback']> | null = null;
  server.on('request', (req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end();
  });
  const build = () => {
    const provider = new Provider(issuer, {
      clients: [...clients.values()].map((c) => ({ ...c, grant_types: ['authorization_code'], response_types: ['code'] })),
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      pkce: { required: () => true },
      cookies: { keys: ['ejournal-test-provider'] },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx, id) {
        const account = accounts.get(id);
        if (!account) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, ...account }) };
      },
    });
    handler = provider.callback();
  };
  return {
    issuer,
    accounts,
    client(c) {
      clients.set(c.clientId, { client_id: c.clientId, client_secret: c.clientSecret, redirect_uris: c.redirectUris });
      build();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookies, by name (the test's servers share one host, as browsers share cookies across ports). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async fetch(url: string, init: RequestInit = {}) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: this.header() } });
    this.take(res);
    return res;
  }
}

/**
 * Follows a login from the journal's start URL through the provider — its login page (signing in as
 * `subject`) and its consent page — until the browser is sent back to the journal's callback and
 * that answers. Returns each URL visited and the callback's answer. `beforeCallback` may alter the
 * callback's URL (a forged state).
 */
export async function signInThrough(
  jar: CookieJar,
  startUrl: string,
  subject: string,
  o: { beforeCallback?: (url: URL) => URL; journal: string } = { journal: '' },
): Promise<{ visited: string[]; callback: Response; location: string }> {
  const visited: string[] = [];
  let url = startUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    let target = new URL(url);
    const isCallback = target.pathname.includes('/auth/sso/') && target.pathname.endsWith('/callback');
    if (isCallback && o.beforeCallback) target = o.beforeCallback(target);
    visited.push(target.href);
    const res = await jar.fetch(target.href, init);
    init = {};
    if (isCallback) return { visited, callback: res, location: res.headers.get('location') ?? '' };
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, target).href;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${target.href}: ${res.status} ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`${target.href}: no form in ${html.slice(0, 300)}`);
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt });
    url = new URL(action.replace(/&amp;/g, '&'), target).href;
    init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('too many redirects');
}
