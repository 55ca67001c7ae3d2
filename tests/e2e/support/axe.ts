import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { canRunScripts, markAudited } from './browser.ts';

/** WCAG 2.0 and 2.1, levels A and AA: the target in DESIGN.md. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;
const BLOCKING = new Set(['serious', 'critical']);

const require = createRequire(import.meta.url);
let axeSource: string | null = null;
const source = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Runs axe-core on the page as it is now and throws when it finds a serious or critical WCAG
 * A/AA violation, naming rule, help text and the offending elements. Minor and moderate findings
 * are left to review. axe is injected through the DevTools protocol (page.evaluate), which the
 * page's CSP does not govern, so the CSP under test stays on. Pages opened with JavaScript
 * disabled are audited on an identical copy of their markup in a scripted page.
 */
export async function audit(page: Page): Promise<void> {
  const url = page.url();
  const results = canRunScripts(page) ? await runAxe(page) : await runOnCopy(page);
  markAudited(page);
  const blocking = results.violations.filter((v) => v.impact && BLOCKING.has(v.impact));
  if (blocking.length > 0) throw new Error(`axe found ${blocking.length} serious/critical violation(s) on ${url}:\n${blocking.map(describe).join('\n')}`);
}

async function runAxe(page: Page): Promise<AxeResults> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(source());
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, [...WCAG_TAGS]);
}

/**
 * With JavaScript disabled, page.evaluate cannot run. The page's HTML (as served, including a
 * POST result that cannot be fetched again) is replayed at the same URL in a scripted page of a
 * fresh context, so styles and relative links resolve as in the original.
 */
async function runOnCopy(page: Page): Promise<AxeResults> {
  const html = await page.content();
  const url = page.url();
  const browser = page.context().browser();
  if (!browser) throw new Error('audit: the page has no browser');
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    await context.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    const copy = await context.newPage();
    await copy.goto(url);
    return await runAxe(copy);
  } finally {
    await context.close();
  }
}

function describe(v: Result): string {
  const targets = v.nodes.map((n) => n.target.join(' ')).slice(0, 10);
  const more = v.nodes.length > targets.length ? ` (+${v.nodes.length - targets.length} more)` : '';
  return `  - [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n    targets: ${targets.join(' | ')}${more}`;
}
