import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The product's version (package.json), shown to the administrator (п. 3.1), in /health and in every backup's manifest. */
export const PRODUCT_VERSION: string = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;
