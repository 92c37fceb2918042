import { chromium, type Browser, type Page } from 'playwright-core';
import { apiUrl, figure, loginHttp, startServerProcess } from './lib.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KB = 1024;

interface Wire {
  total: number;
  staticBytes: number;
  apiBytes: number;
  requests: number;
  encodings: Set<string>;
}

/**
 * Counts the bytes a page load takes over the wire (headers and bodies as received, compressed or
 * not) from Chromium's own network events, with an empty cache.
 */
async function measure(browser: Browser, viewport: { width: number; height: number }, run: (page: Page) => Promise<void>): Promise<Wire> {
  const context = await browser.newContext({ viewport, locale: 'ru-RU' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map<string, string>();
  const w: Wire = { total: 0, staticBytes: 0, apiBytes: 0, requests: 0, encodings: new Set() };
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.responseReceived', (e) => {
    const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
    if (enc) w.encodings.add(enc);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId) ?? '';
    w.total += e.encodedDataLength;
    w.requests++;
    if (new URL(url).pathname.startsWith('/api/')) w.apiBytes += e.encodedDataLength;
    else w.staticBytes += e.encodedDataLength;
  });
  await run(page);
  await page.waitForLoadState('networkidle');
  await context.close();
  return w;
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill('demo');
  await page.getByRole('button', { name: 'Войти' }).click();
}

function report(title: string, w: Wire, budgetKb: number): void {
  const kb = (n: number) => `${(n / KB).toFixed(1).replace('.', ',')} КБ`;
  const parts = `статика ${kb(w.staticBytes)}, API ${kb(w.apiBytes)}; запросов ${w.requests}; сжатие: ${[...w.encodings].join(', ') || 'нет'}`;
  figure(title, Number((w.total / KB).toFixed(1)), 'КБ', { op: '<=', value: budgetKb }, parts);
}

/**
 * Bytes over the wire for the first load (empty cache, through the login form) of a parent's
 * diary on a phone and of a teacher's grid, from a real server process (`npm run build:web` first).
 */
export async function wireBench(): Promise<void> {
  const server = await startServerProcess({ students: 300 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const parent = await measure(browser, { width: 360, height: 740 }, async (page) => {
      await page.goto(`${server.url}/family`);
      await signIn(page, 'parent');
      await page.getByRole('heading', { name: 'Дневник ребёнка' }).waitFor();
    });
    report('Дневник родителя, первая загрузка (360 × 740)', parent, 120);

    const { cookie } = await loginHttp(server.url, 'teacher');
    const list = await fetch(apiUrl(server.url, 'GET /journal/assignments', undefined, { mine: '1' }), { headers: { cookie } });
    const { items } = (await list.json()) as { items: { id: number }[] };
    const grid = await measure(browser, { width: 1280, height: 900 }, async (page) => {
      await page.goto(`${server.url}/journal/grid/${items[0].id}`);
      await signIn(page, 'teacher');
      await page.locator('table').first().waitFor();
    });
    report('Журнал группы (сетка) преподавателя, первая загрузка', grid, 200);
  } finally {
    await browser.close();
    await server.stop();
  }
}
