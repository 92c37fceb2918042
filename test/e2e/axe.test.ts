import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../../src/server/demo/seed.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const PHONE = { width: 360, height: 740 };
const CASES = [
  ...DEMO_LOGINS.map((login) => ({ login, phone: false })),
  { login: 'parent', phone: true },
  { login: 'student', phone: true },
];

describe('axe on the home page of every demo role', () => {
  for (const { login, phone } of CASES) {
    it(`${login}${phone ? ' on a phone' : ''}: no serious or critical violations`, async () => {
      const page = await loginAs(suite.browser, suite.s.url, login, 'demo', phone ? PHONE : undefined);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate(AXE); // through the debugging protocol: the app's CSP rightly refuses inline scripts
      const { violations, passes } = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Violation[]; passes: unknown[] }> } }).axe;
        const r = await axe.run(document);
        return { violations: r.violations, passes: r.passes.length };
      });
      expect(passes).toBeGreaterThan(10);
      const bad = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.impact} ${v.id}: ${v.help} — ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join('; ')}`,
        );
      expect(bad).toEqual([]);
      await page.context().close();
    });
  }
});
