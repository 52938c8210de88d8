import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  nodes: { target: string[] }[];
}
interface AxeGlobal {
  axe?: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
  document: unknown;
}

/**
 * Runs axe-core on the page as it is now and returns one line per violation
 * at the given impacts (serious and critical by default). The page's CSP
 * forbids inline scripts, so axe goes in through the DevTools protocol
 * (page.evaluate), which the CSP does not govern.
 */
export async function accessibilityProblems(page: Page, impacts: readonly Impact[] = ['serious', 'critical']): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as AxeGlobal).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as AxeGlobal;
    if (!g.axe) throw new Error('axe-core did not load');
    const result = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact !== null && impacts.includes(v.impact))
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5).join(' | ')}`);
}
