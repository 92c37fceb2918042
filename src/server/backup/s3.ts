import { createHash, createHmac } from 'node:crypto';
import type { S3Settings } from './settings.js';

// The four S3 calls backups need (PUT, GET, LIST, DELETE), signed with AWS Signature Version 4
// by hand over fetch (decision 037): no SDK for four requests. Path-style addresses
// (endpoint/bucket/key), which every S3-compatible store accepts.

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (S3: the path's slashes kept). */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignInput {
  method: string;
  /** The encoded path, e.g. `/bucket/dir/file.db`. */
  path: string;
  query: Record<string, string>;
  /** Headers to sign (host among them), names in any case. */
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  accessKey: string;
  secretKey: string;
  /** ISO basic format, 20130524T000000Z. */
  amzDate: string;
}

/** The Authorization header of a request (AWS Signature Version 4, service s3). */
export function signV4(r: SignInput): string {
  const date = r.amzDate.slice(0, 8);
  const scope = `${date}/${r.region}/s3/aws4_request`;
  const names = Object.keys(r.headers)
    .map((h) => h.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')]));
  const query = Object.keys(r.query)
    .sort()
    .map((k) => `${encode(k)}=${encode(r.query[k])}`)
    .join('&');
  const canonical = [r.method, r.path, query, names.map((n) => `${n}:${lower[n]}\n`).join(''), names.join(';'), r.payloadHash].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', r.amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${r.secretKey}`, date), r.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${r.accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}

export class S3Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface S3Object {
  key: string;
  size: number;
}

/** An S3-compatible bucket. */
export class S3Bucket {
  constructor(readonly s: S3Settings) {}

  private async send(method: string, key: string, o: { query?: Record<string, string>; body?: Buffer } = {}): Promise<Response> {
    const url = new URL(this.s.endpoint);
    const path = `${url.pathname.replace(/\/+$/, '')}/${encode(this.s.bucket)}${key ? `/${key.split('/').map(encode).join('/')}` : ''}`;
    const query = o.query ?? {};
    const payloadHash = sha256Hex(o.body ?? '');
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const headers: Record<string, string> = { host: url.host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
    const authorization = signV4({
      method,
      path,
      query,
      headers,
      payloadHash,
      region: this.s.region,
      accessKey: this.s.accessKey,
      secretKey: this.s.secretKey,
      amzDate,
    });
    const qs = Object.keys(query)
      .sort()
      .map((k) => `${encode(k)}=${encode(query[k])}`)
      .join('&');
    const { host: _host, ...sent } = headers;
    const res = await fetch(`${url.origin}${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers: { ...sent, authorization, ...(o.body ? { 'content-length': String(o.body.length) } : {}) },
      body: o.body ? (o.body as unknown as BodyInit) : undefined,
    });
    if (!res.ok && !(method === 'DELETE' && res.status === 404)) {
      const text = await res.text();
      const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? '';
      throw new S3Error(res.status, `S3 ${method} ${key || this.s.bucket}: ${res.status} ${code}`.trim());
    }
    return res;
  }

  async put(key: string, body: Buffer): Promise<void> {
    await (await this.send('PUT', key, { body })).arrayBuffer();
  }

  async get(key: string): Promise<Buffer> {
    return Buffer.from(await (await this.send('GET', key)).arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    await (await this.send('DELETE', key)).arrayBuffer();
  }

  /** Every object whose key starts with the prefix (ListObjectsV2, page by page). */
  async list(prefix: string): Promise<S3Object[]> {
    const out: S3Object[] = [];
    let token: string | undefined;
    do {
      const query: Record<string, string> = { 'list-type': '2', prefix, ...(token ? { 'continuation-token': token } : {}) };
      const xml = await (await this.send('GET', '', { query })).text();
      for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = /<Key>([^<]*)<\/Key>/.exec(m[1])?.[1];
        const size = /<Size>(\d+)<\/Size>/.exec(m[1])?.[1];
        if (key) out.push({ key: unescapeXml(key), size: Number(size ?? 0) });
      }
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? /<NextContinuationToken>([^<]*)</.exec(xml)?.[1] : undefined;
    } while (token);
    return out;
  }
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
