import type { z } from 'zod';
import type { Permission } from '../domain/permissions.js';
import type { UploadLimit } from './limits.js';

// The API as data (decision 023). Each area's contract file ends with its route table, keyed by
// «METHOD /path»: what the route needs (access), takes (params, query, body) and answers. The
// server registers its handlers against these keys (platform/serve.ts), the web app, the API tests
// and the bench call them by the same keys, so a renamed path or field breaks the build, not a
// screen. Only types cross to the browser: the key itself carries the method and the path.

/** What a route needs: a permission, any signed-in user, or nothing (login, the OpenAPI document). */
export type Access = Permission | 'authenticated' | 'public';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteKey = `${Method} /${string}`;

/**
 * The kinds of object whose academic year decides whether a write may change them (decision 028):
 * a closed (archived) year refuses every write to its lessons, marks, grades, plans, load and timetable.
 */
export type YearObject =
  | 'year'
  | 'term'
  | 'assignment'
  | 'lesson'
  | 'mark'
  | 'lesson-file'
  | 'correction'
  | 'excuse'
  | 'plan'
  | 'remark'
  | 'timetable-entry'
  | 'timetable-change'
  | 'report'
  | 'term-check-part'
  | 'plan-line'
  | 'plan-mark'
  | 'date';
/** A kind of object and the request field that names it: `'lesson:params.id'`, `'date:body.from'`, `'lesson:body.target.lessonId'`. */
export type YearRef = `${YearObject}:${'params' | 'query' | 'body'}.${string}`;

export interface RouteSpec {
  access: Access;
  /** The operation in Russian, for the OpenAPI document. */
  summary: string;
  /** More about the operation, for the OpenAPI document. */
  description?: string;
  tags: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Answers by status. A route without one answers a file (a download). */
  response?: Partial<Record<200 | 201 | 202, z.ZodType>>;
  /** Allowed before the user replaces a temporary password. */
  allowWithTemporaryPassword?: boolean;
  /** A file upload: the body limit follows from it, and the OpenAPI document states it. */
  upload?: UploadLimit;
  /** Large answers built from typed rows are sent without re-validation (the schema documents them). */
  plainJson?: boolean;
  /** A write to objects of an academic year: refused (409 year_archived) when that year is closed (decision 028). */
  yearOf?: readonly YearRef[];
}

/** An area's route table; `const` keeps each key and its schemas exact. */
export function routes<const T extends Record<RouteKey, RouteSpec>>(table: T): T {
  return table;
}

// Read through zod's own type slots, not by comparing with z.ZodType: the comparison is structural
// and too costly over a table of 140 routes.
type In<Z> = Z extends { _zod: { input: infer I } } ? I : never;
type Out<Z> = Z extends { _zod: { output: infer O } } ? O : never;

/** What a caller sends to a route: `{ params, query, body }`, each as the contract takes it (path parameters as they are parsed). */
export type RequestOf<S> = (S extends { params: infer Z } ? { params: Out<Z> } : { params?: undefined }) &
  (S extends { query: infer Z } ? (Record<never, never> extends In<Z> ? { query?: In<Z> } : { query: In<Z> }) : { query?: undefined }) &
  (S extends { body: infer Z } ? { body: In<Z> } : { body?: undefined });

/** What a route answers on success, as the contract outputs it (a download: its bytes). */
export type ResponseOf<S> = S extends { response: infer R }
  ? R extends { 200: infer Z }
    ? Out<Z>
    : R extends { 201: infer Z }
      ? Out<Z>
      : R extends { 202: infer Z }
        ? Out<Z>
        : unknown
  : Blob;

/** What the handler receives, as the contract parsed it. */
export interface ParsedOf<S> {
  params: S extends { params: infer Z } ? Out<Z> : Record<string, never>;
  query: S extends { query: infer Z } ? Out<Z> : Record<string, never>;
  body: S extends { body: infer Z } ? Out<Z> : undefined;
}

export const methodOf = (key: RouteKey): Method => key.slice(0, key.indexOf(' ')) as Method;
export const pathOf = (key: RouteKey): string => key.slice(key.indexOf(' ') + 1);

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** The URL of a call: `:name` filled from params, the query string from query (empty values skipped). */
export function urlOf(key: RouteKey, params?: object, query?: object): string {
  const values = (params ?? {}) as Record<string, string | number>;
  const path = pathOf(key).replace(/:(\w+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === '') throw new Error(`${key}: нет параметра ${name}`);
    return encodeURIComponent(String(v));
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, QueryValue>)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v) search.append(k, String(item));
    else search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}
