import react from '@vitejs/plugin-react';
import { basename, dirname, resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompress } from './precompress.js';

export default defineConfig({
  root: resolve(import.meta.dirname),
  plugins: [react(), precompress()],
  build: {
    outDir: resolve(import.meta.dirname, '../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The precompress step takes its seconds on purpose (once per build, best ratio).
      checks: { bundlerTimings: false },
      output: {
        // An area's chunk is named after the area (pages/<area>/pages.ts), for reading the build.
        chunkFileNames: (c) =>
          `assets/${c.facadeModuleId?.endsWith('/pages.ts') ? basename(dirname(c.facadeModuleId)) : '[name]'}-[hash].js`,
      },
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
