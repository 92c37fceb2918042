import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.js';

// A built web app in miniature: a hashed script with its .br and .gz made at build time.
const dist = mkdtempSync(join(tmpdir(), 'ejournal-web-'));
const script = Buffer.from(`console.log(${JSON.stringify('Электронный журнал '.repeat(200))});`);
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="ru"><body><div id="root"></div></body></html>');
writeFileSync(join(dist, 'assets', 'index-AbC123.js'), script);
writeFileSync(join(dist, 'assets', 'index-AbC123.js.br'), brotliCompressSync(script));
writeFileSync(join(dist, 'assets', 'index-AbC123.js.gz'), gzipSync(script));

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ webDist: dist });
});
afterAll(async () => {
  await s.close();
  rmSync(dist, { recursive: true, force: true });
});

/** A raw GET: the bytes as they came over the wire, not decoded. */
function raw(
  path: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(`${s.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serving the web app and the API over a poor connection', () => {
  it('sends the brotli or gzip file made at build time, kept by the browser for a year', async () => {
    const br = await raw('/assets/index-AbC123.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(script.length / 5);
    expect(brotliDecompressSync(br.body).equals(script)).toBe(true);

    const gz = await raw('/assets/index-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(script)).toBe(true);

    const plain = await raw('/assets/index-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(script)).toBe(true);
  });

  it('asks the browser to check the page itself every time, so a new build is picked up', async () => {
    for (const path of ['/', '/family']) {
      const r = await raw(path, 'gzip, br');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.headers['cache-control']).toBe('no-cache');
    }
  });

  it('compresses API answers above 1 KB and leaves small ones as they are', async () => {
    const big = await raw('/api/v1/openapi.json', 'gzip, deflate, br');
    expect(big.headers['content-encoding']).toBe('br');
    const doc = JSON.parse(brotliDecompressSync(big.body).toString('utf8')) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const gz = await raw('/api/v1/openapi.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(doc);

    const small = await raw('/api/v1/health', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toMatchObject({ database: { ok: true } });
    const refused = await raw('/api/v1/auth/me', 'gzip, br');
    expect(refused.status).toBe(401);
  });
});
