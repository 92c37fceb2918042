// The web app's only way to the server: the public /api/v1 HTTP API.

import type { ApiKey, ApiRequest, ApiResponse } from '../../src/contracts/api.js';
import { methodOf, urlOf } from '../../src/contracts/route.js';
import { noteActivity } from './unsaved.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (t: string) => {
  csrfToken = t;
};

/** Called when a request finds the session gone (401): the app shows the login screen. */
let onUnauthorized: () => void = () => {};
export const setOnUnauthorized = (f: () => void) => {
  onUnauthorized = f;
};

export async function api<T>(method: string, path: string, body?: unknown, background = false): Promise<T> {
  const headers: Record<string, string> = {};
  // A background poll is not the person's activity: it keeps neither the session nor the idle warning from running out.
  if (background) headers['x-background'] = '1';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение и повторите.');
  }
  if (res.status !== 401 && !background) noteActivity();
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const e = (data as { error?: { code: string; message: string; fields?: Record<string, string>; details?: unknown } } | null)?.error;
    if (res.status === 401 && !path.startsWith('/auth/login')) onUnauthorized();
    throw new ApiError(res.status, e?.code ?? 'http', e?.message ?? `Ошибка сервера (${res.status})`, e?.fields ?? {}, e?.details);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Calls one route of the API by its key in the route table (decision 023): the parameters, the
 * body and the answer are typed by the contract, so a renamed path or field breaks the build.
 */
export function call<K extends ApiKey>(key: K, ...req: NoInfer<Args<K>>): Promise<ApiResponse<K>>;
export function call(key: ApiKey, ...req: unknown[]): Promise<unknown> {
  const r = (req[0] ?? {}) as Req;
  const method = methodOf(key);
  return api(method, urlOf(key, r.params, r.query), r.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
}

/** A GET a page repeats on its own (an unread count): answered like `call`, but not counted as the person's activity. */
export function poll<K extends ApiKey>(key: K, ...req: NoInfer<Args<K>>): Promise<ApiResponse<K>>;
export function poll(key: ApiKey, ...req: unknown[]): Promise<unknown> {
  const r = (req[0] ?? {}) as Req;
  return api('GET', urlOf(key, r.params, r.query), undefined, true);
}

/** The react-query key of a call: the route and what it was asked, so invalidating a route's key prefix refreshes every call of it. */
export function keyOf<K extends ApiKey>(key: K, ...req: NoInfer<Args<K>>): readonly unknown[];
export function keyOf(key: ApiKey, ...req: unknown[]): readonly unknown[] {
  const r = (req[0] ?? {}) as Req;
  return [key, r.params ?? {}, r.query ?? {}];
}

/** The key prefix of every call of a route, to refresh them all after a change. */
export const keysOf = (key: ApiKey): readonly unknown[] => [key];

/** The address of a download (PDF, XLSX) for a link. */
export function hrefOf<K extends ApiKey>(key: K, ...req: NoInfer<Args<K>>): string;
export function hrefOf(key: ApiKey, ...req: unknown[]): string {
  const r = (req[0] ?? {}) as Req;
  return `/api/v1${urlOf(key, r.params, r.query)}`;
}

type Req = { params?: object; query?: object; body?: unknown };
/** A route's request: optional when the route takes nothing. */
type Args<K extends ApiKey> = Record<never, never> extends ApiRequest<K> ? [req?: ApiRequest<K>] : [req: ApiRequest<K>];

/** Query string from an object, skipping empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
