import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { allowConsoleError, audit, clickAndLoad, useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_RESIDENT, mainText, submitSignIn, visit } from './support/flows.ts';

const e2e = useE2E();

const LANGS = ['it', 'en'] as const;
/** Pages anyone can open: home, the content collection (content/pages) and the account forms. */
const STATIC_PAGES = ['', 'about', 'how-to-apply', 'faq', 'privacy', 'accessibility', 'login', 'register', 'password/forgot'];

/** Tab from the top of the page: the skip link comes first, shows itself, and Enter moves focus to <main>. */
async function checkSkipLink(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? { tag: el.tagName, href: el.getAttribute('href'), text: el.textContent?.trim() ?? '' } : null;
  });
  expect(first, `first Tab stop on ${page.url()}`).toMatchObject({ tag: 'A', href: '#main' });
  expect(first?.text).not.toBe('');
  const box = await page.locator(':focus').boundingBox();
  expect(box && box.width > 1 && box.height > 1, 'the skip link is visible while focused').toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id ?? null), 'focus after the skip link').toBe('main');
}

describe('language at the root', () => {
  test('`/` follows Accept-Language', async () => {
    const cases: [string, string][] = [
      ['en-GB,en;q=0.9', '/en/'],
      ['it-IT,it;q=0.9,en;q=0.5', '/it/'],
      ['de-DE,de;q=0.9', '/it/'],
    ];
    for (const [acceptLanguage, location] of cases) {
      const response = await fetch(`${e2e.baseUrl}/`, { headers: { 'Accept-Language': acceptLanguage }, redirect: 'manual' });
      expect([301, 302, 303, 307, 308], acceptLanguage).toContain(response.status);
      expect(new URL(response.headers.get('location') ?? '', e2e.baseUrl).pathname, acceptLanguage).toBe(location);
    }

    const page = await e2e.newPage({ locale: 'en-GB' });
    await visit(page, '/');
    expect(new URL(page.url()).pathname).toBe('/en/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  test('`/` follows the language chosen with the switcher, over Accept-Language', async () => {
    const context = await e2e.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    await visit(page, '/');
    expect(new URL(page.url()).pathname).toBe('/it/');

    await clickAndLoad(page, page.locator('header a[hreflang="en"]'));
    await audit(page);
    expect(new URL(page.url()).pathname).toBe('/en/');
    expect((await context.cookies()).find((c) => c.name === 'vivaio_lang')?.value).toBe('en');
    await visit(page, '/');
    expect(new URL(page.url()).pathname, 'the cookie wins over the Italian browser').toBe('/en/');

    await clickAndLoad(page, page.locator('header a[hreflang="it"]'));
    await audit(page);
    expect(new URL(page.url()).pathname).toBe('/it/');
    await visit(page, '/');
    expect(new URL(page.url()).pathname).toBe('/it/');
  });
});

describe.each(LANGS)('static pages in %s', (lang) => {
  test.each(STATIC_PAGES)(`/${lang}/%s: one <h1>, skip link to <main>, no serious axe violation`, async (slug) => {
    const page = await e2e.newPage({ locale: lang === 'it' ? 'it-IT' : 'en-GB' });
    const status = await visit(page, `/${lang}/${slug}`);
    expect(status).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect((await page.title()).trim()).not.toBe('');
    const headings = page.locator('h1');
    expect(await headings.count(), 'exactly one <h1>').toBe(1);
    expect(((await headings.textContent()) ?? '').trim()).not.toBe('');
    expect(await page.locator('main#main').count()).toBe(1);
    await checkSkipLink(page);
  });
});

test('keyboard: from the top, Tab reaches the skip link first, then the content after it', async () => {
  const page = await e2e.newPage();
  await visit(page, '/it/');
  await checkSkipLink(page);
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => document.activeElement?.closest('main') !== null);
  expect(inMain, 'after the skip link, Tab continues inside <main>').toBe(true);
});

describe('unknown pages', () => {
  test.each([
    ['/it/pagina-che-non-esiste', 'it', 'Pagina non trovata'],
    ['/en/no-such-page', 'en', 'Page not found'],
    ['/it/about/extra/segments', 'it', 'Pagina non trovata'],
  ])('%s answers 404 with the translated page', async (path, lang, title) => {
    const page = await e2e.newPage();
    allowConsoleError(page, /status of 404/);
    const status = await visit(page, path);
    expect(status).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(((await page.locator('h1').textContent()) ?? '').trim()).toBe(title);
    expect(await page.locator(`main a[href="/${lang}/"]`).count(), 'a way back home').toBeGreaterThan(0);
  });

  test('a path with an unknown language prefix answers 404 in the visitor’s language', async () => {
    const page = await e2e.newPage({ locale: 'en-GB' });
    allowConsoleError(page, /status of 404/);
    const status = await visit(page, '/xx/about');
    expect(status).toBe(404);
    expect(((await page.locator('h1').textContent()) ?? '').trim()).toBe('Page not found');
  });
});

test('without JavaScript, signing in and out works end to end', async () => {
  const page = await e2e.newPage({ javaScriptEnabled: false });
  await visit(page, '/it/login');
  await submitSignIn(page, DEMO_RESIDENT, DEMO_PASSWORD);
  expect(new URL(page.url()).pathname).toBe('/it/account');
  expect(((await page.locator('h1').textContent()) ?? '').trim()).toBe('Il mio profilo');
  expect(await page.locator('#f-name').inputValue()).toBe('Aisha Residente');

  await clickAndLoad(page, page.locator('header form[action="/it/logout"] button'));
  await audit(page);
  const url = new URL(page.url());
  expect(url.pathname).toBe('/it/login');
  expect(url.searchParams.has('signedOut')).toBe(true);
  expect(await mainText(page)).toContain('Sei uscito dal portale.');

  const after = await page.goto('/it/account');
  await audit(page);
  expect(after?.status()).toBe(200);
  expect(new URL(page.url()).pathname, 'signed out: the account page asks to sign in').toBe('/it/login');
});
