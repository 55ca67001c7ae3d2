import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';

/**
 * Chromium from the Debian package (playwright-core ships no browser). Every page opened through
 * a tracked context records its console errors and uncaught exceptions, and each document it
 * loads; the harness (e2e.ts) fails a test when a page logged an error or a loaded document was
 * never checked with audit().
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

type PageState = {
  consoleErrors: string[];
  /** Console errors the test announced (e.g. the browser's note about a 404 it asked for). */
  allowed: RegExp[];
  documents: { url: string; audited: boolean }[];
};

const states = new WeakMap<Page, PageState>();
/** Contexts opened with JavaScript disabled (Playwright offers no getter for the option). */
const scriptless = new WeakSet<BrowserContext>();

function stateOf(page: Page): PageState {
  let state = states.get(page);
  if (!state) {
    state = { consoleErrors: [], allowed: [], documents: [] };
    states.set(page, state);
  }
  return state;
}

function track(page: Page): void {
  const state = stateOf(page);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    state.consoleErrors.push(`${shorten(message.text())}${where ? ` (${shorten(where)})` : ''} on ${page.url()}`);
  });
  page.on('pageerror', (error) => state.consoleErrors.push(`uncaught ${error.name}: ${error.message} on ${page.url()}`));
  page.on('domcontentloaded', () => state.documents.push({ url: page.url(), audited: false }));
}

/** Console messages may quote whole data: URLs; keep reports readable. */
function shorten(text: string): string {
  return text.replace(/data:([\w/+.-]+)[^'")\s]{60,}/g, 'data:$1…').slice(0, 600);
}

/** A context whose pages are tracked. Italian browser by default, like most of the portal's visitors. */
export async function newTrackedContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 }, ...options });
  if (options.javaScriptEnabled === false) scriptless.add(context);
  context.on('page', track);
  return context;
}

/** Whether scripts may run in the page (page.evaluate waits forever when they may not). */
export function canRunScripts(page: Page): boolean {
  return !scriptless.has(page.context());
}

/** Called by audit(): the document now shown has been checked. */
export function markAudited(page: Page): void {
  const last = stateOf(page).documents.at(-1);
  if (last) last.audited = true;
}

/** Accepts console errors matching `pattern` on this page (for a test that expects them). */
export function allowConsoleError(page: Page, pattern: RegExp): void {
  stateOf(page).allowed.push(pattern);
}

/** What went wrong on the pages of these contexts: console errors and unaudited documents. */
export function pageProblems(contexts: readonly BrowserContext[]): string[] {
  const problems: string[] = [];
  for (const context of contexts) {
    for (const page of context.pages()) {
      const state = stateOf(page);
      for (const error of state.consoleErrors) {
        if (!state.allowed.some((p) => p.test(error))) problems.push(`console error: ${error}`);
      }
      for (const doc of state.documents) {
        if (!doc.audited) problems.push(`not audited with axe: ${doc.url} (call audit(page) on every page a test visits)`);
      }
    }
  }
  return problems;
}

/** Clicks a control that loads a new document (link, form submit) and waits for it to load. */
export async function clickAndLoad(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
}

/** Presses a key that loads a new document (Enter in a form) and waits for it to load. */
export async function pressAndLoad(page: Page, target: Locator, key: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.press(key)]);
}
