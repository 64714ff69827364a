// Browser test support: the real app on a free port with its own embedded database, Debian's
// Chromium driven by playwright-core, and axe-core run on every page a test visits.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helper.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserSession {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  page: Page;
  /** Every URL axe has checked in this session. */
  checked: string[];
  close(): Promise<void>;
}

/** The app (with any settings given, such as IMPORT_WAIT_SECONDS) and Chromium. */
export async function startBrowserSession({ env = {} as Record<string, string> } = {}): Promise<BrowserSession> {
  const t = await buildTestApp({ env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    page,
    checked: [],
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export const DEMO_PASSWORD = 'demo-partnership-hub';

/** Signs in through the sign-in page, as a person would. */
export async function signInAs(s: BrowserSession, email: string, password = DEMO_PASSWORD, page: Page = s.page): Promise<void> {
  await page.goto(`${s.baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(s: BrowserSession, page: Page = s.page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
}

/** Runs axe-core (WCAG 2.2 A and AA, and best practice) on the page: zero violations allowed. */
export async function expectAccessible(s: BrowserSession): Promise<void> {
  await s.page.evaluate(AXE_SOURCE);
  const violations = await s.page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
  });
  s.checked.push(s.page.url());
  assert.deepEqual(violations, [], `axe found problems on ${s.page.url()}`);
}
