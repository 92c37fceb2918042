import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const br = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

/**
 * Writes `name.br` and `name.gz` beside every text file of the build, once, at the best ratio,
 * for the server to send as they are (@fastify/static `preCompressed`, decision 019).
 */
export function precompress(minBytes = 1024): Plugin {
  return {
    name: 'ejournal-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      await Promise.all(
        Object.keys(bundle)
          .filter((f) => COMPRESSIBLE.test(f))
          .map(async (f) => {
            const raw = await readFile(join(dir, f));
            if (raw.length < minBytes) return;
            const [b, g] = await Promise.all([
              br(raw, {
                params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
              }),
              gz(raw, { level: 9 }),
            ]);
            if (b.length < raw.length) await writeFile(join(dir, `${f}.br`), b);
            if (g.length < raw.length) await writeFile(join(dir, `${f}.gz`), g);
          }),
      );
    },
  };
}
