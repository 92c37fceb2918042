import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { now } from '../../src/domain/clock.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { startTestServer, type TestServer } from '../server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium не найден: ${CHROMIUM} (apt-get install chromium)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  // Pages run on the same shifted clock as the in-process server (test/server.ts).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.clock.install({ time: now() });
    await context.clock.resume();
    return context;
  };
  return browser;
}

/** A server with a small demo college, for browser journeys. */
export async function startDemoServer(students = 60, today?: string): Promise<TestServer> {
  const s = await startTestServer();
  await seedDemo(s.db, { students, seed: 1, today });
  return s;
}

/** Opens the app and signs in through the login form. */
export async function loginAs(
  browser: Browser,
  baseUrl: string,
  login: string,
  password = 'demo',
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  // On a phone «Выйти» sits in the folded menu: present, not visible.
  await page.getByRole('button', { name: 'Выйти', includeHidden: true }).waitFor({ state: 'attached' });
  return page;
}

/** A demo server and a browser for one test file: started before its tests, closed after them. */
export function demoBrowserSuite(students = 60, today?: string): { s: TestServer; browser: Browser } {
  const suite = {} as { s: TestServer; browser: Browser };
  beforeAll(async () => {
    [suite.s, suite.browser] = await Promise.all([startDemoServer(students, today), launchBrowser()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.s?.close();
  });
  return suite;
}

export const PHONE = { width: 360, height: 780 };

/** How far the page itself scrolls sideways (0 when it fits; a wide table scrolls inside its own box). */
export const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether the focused element is inside the element the locator finds. */
export const focusInside = (page: Page, selector: string) =>
  page.evaluate((sel) => !!document.querySelector(sel)?.contains(document.activeElement), selector);
