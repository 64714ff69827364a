// Issue 18, item 5 in a browser: each demo role signs in through the sign-in page and lands on its own
// start page, which passes axe and fits a 375 px phone without sideways scrolling; the header leads back to it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectAccessible, signInAs, signOut, startBrowserSession, type BrowserSession } from './support.ts';

const ROLES: { email: string; panels: string[] }[] = [
  { email: 'administrator@example.org', panels: ['Upcoming meetings', 'Values due and overdue', 'Plan actions overdue'] },
  {
    email: 'democratic.services@example.org',
    panels: ['Upcoming meetings', 'Deadlines this week', 'Papers not cleared', 'Minutes to write', 'Actions overdue'],
  },
  { email: 'partnership.officer@example.org', panels: ['Plan actions overdue'] },
  { email: 'performance.officer@example.org', panels: ['Values due and overdue', 'Exception reports asked for'] },
  { email: 'finance.officer@example.org', panels: [] },
  { email: 'councillor@example.org', panels: ['Your committees, papers and actions'] },
  { email: 'partner.editor@example.org', panels: ['Your partnerships'] },
];

describe('start page in a browser', () => {
  let s: BrowserSession;
  before(async () => {
    s = await startBrowserSession();
  });
  after(async () => s?.close());

  it('brings each role to its own work after signing in, accessibly, at desktop and phone widths', async () => {
    const { page } = s;
    for (const role of ROLES) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await signInAs(s, role.email);
      assert.equal(new URL(page.url()).pathname, '/start', `${role.email} lands on the start page`);
      await page.getByRole('heading', { level: 1, name: 'Your work' }).waitFor();
      for (const name of role.panels) await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
      assert.equal(await page.getByRole('region', { name: role.panels[0] ?? /^Finance return/ }).count(), 1, `${role.email}: panels are labelled regions`);
      await expectAccessible(s);

      await page.setViewportSize({ width: 375, height: 812 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${role.email}: the start page scrolls sideways by ${overflow} px at 375 px`);
      await expectAccessible(s);
      await page.setViewportSize({ width: 1280, height: 900 });

      // From elsewhere in the back office, the header's "Your work" comes back.
      await page.goto(`${s.baseUrl}/partnerships`);
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your work' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your work' }).waitFor();
      await signOut(s);
    }
  });

  it('returns someone sent to sign in to the page they asked for, not the start page', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/meetings`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill('democratic.services@example.org');
    await page.getByLabel('Password', { exact: true }).fill('demo-partnership-hub');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Meetings and deadlines' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/meetings');
    await signOut(s);
  });
});
