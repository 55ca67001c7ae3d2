import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startAppServer, type AppServer } from './server.ts';
import { launchBrowser, newTrackedContext, pageProblems } from './browser.ts';

export { audit } from './axe.ts';
export { allowConsoleError, clickAndLoad, pressAndLoad } from './browser.ts';

export type E2E = {
  /** http://127.0.0.1:<port> of this file's server. */
  readonly baseUrl: string;
  readonly server: AppServer;
  /** A tracked browser context (closed and checked after each test); Italian unless told otherwise. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A fresh context with one page: the common case. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
};

/**
 * Per test file: one app server on a fresh database and one Chromium. After each test its
 * contexts are closed, and the test fails if a page logged a console error or a document was
 * not audited; after the file, it fails if the server logged an error or answered with a 5xx.
 */
export function useE2E(): E2E {
  let server: AppServer | null = null;
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [s, b] = await Promise.allSettled([startAppServer(), launchBrowser()]);
    if (s.status === 'fulfilled') server = s.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (s.status === 'rejected' || b.status === 'rejected') {
      await Promise.allSettled([server?.stop(), browser?.close()]);
      throw s.status === 'rejected' ? s.reason : (b as PromiseRejectedResult).reason;
    }
  });

  afterEach(async () => {
    const problems = pageProblems(contexts);
    await Promise.allSettled(contexts.map((c) => c.close()));
    contexts.length = 0;
    if (problems.length > 0) throw new Error(`browser problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  });

  afterAll(async () => {
    await browser?.close();
    if (!server) return;
    const errors = server.serverErrors();
    await server.stop();
    if (errors.length > 0) throw new Error(`the server logged errors or answered with 5xx:\n${errors.join('\n')}`);
  });

  const requireServer = () => {
    if (!server) throw new Error('the app server is not running (beforeAll failed)');
    return server;
  };
  const newContext = async (options: BrowserContextOptions = {}) => {
    if (!browser) throw new Error('the browser is not running (beforeAll failed)');
    const context = await newTrackedContext(browser, { baseURL: requireServer().baseUrl, ...options });
    contexts.push(context);
    return context;
  };
  return {
    get baseUrl() {
      return requireServer().baseUrl;
    },
    get server() {
      return requireServer();
    },
    newContext,
    newPage: async (options) => (await newContext(options)).newPage(),
  };
}
