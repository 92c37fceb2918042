import compress from '@fastify/compress';
import Fastify from 'fastify';
import { get } from 'node:http';
import { Readable, Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { LOG_HOOKS } from './http.js';

it('a client that leaves during a compressed answer is logged at info, not as an error', async () => {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', hooks: LOG_HOOKS, stream } });
  await app.register(compress, { threshold: 1 });
  let n = 0;
  const body = () =>
    new Readable({
      read() {
        setTimeout(() => this.push(n++ < 1000 ? `${'строка '.repeat(1000)}${n}` : null), 1);
      },
    });
  app.get('/long', async (_req, reply) => reply.type('text/plain').send(body()));
  app.get('/broken', async () => {
    throw new Error('premature close');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const port = (app.server.address() as { port: number }).port;
    await new Promise<void>((resolve) => {
      const req = get({ host: '127.0.0.1', port, path: '/long', headers: { 'accept-encoding': 'gzip' } }, (res) =>
        res.once('data', () => req.destroy()),
      );
      req.on('error', () => {});
      req.on('close', () => setTimeout(resolve, 200));
    });
    expect(lines.find((l) => l.msg.includes('before the answer was sent'))).toMatchObject({ level: 30 });
    // A handler's own error stays an error: only the plugin's logged stream error is lowered.
    await fetch(`http://127.0.0.1:${port}/broken`);
    expect(lines.filter((l) => l.level >= 50)).toHaveLength(1);
  } finally {
    await app.close();
  }
});
