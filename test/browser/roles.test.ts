// Issue 3's journeys in a browser: each demo role sees what it may do; a partner editor is
// refused another partnership; the public cannot reach a draft; a password is reset through the outbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectAccessible, signInAs, signOut, startBrowserSession, type BrowserSession } from './support.ts';

const ROLES = [
  { email: 'administrator@example.org', add: true, edit: true, money: true, users: true },
  { email: 'democratic.services@example.org', add: true, edit: true, money: true, users: false },
  { email: 'partnership.officer@example.org', add: true, edit: true, money: true, users: false },
  { email: 'performance.officer@example.org', add: false, edit: false, money: false, users: false },
  { email: 'finance.officer@example.org', add: false, edit: false, money: true, users: false },
  { email: 'councillor@example.org', add: false, edit: false, money: false, users: false },
  { email: 'partner.editor@example.org', add: false, edit: true, money: true, users: false },
];

describe('roles in a browser', () => {
  let s: BrowserSession;
  let lep: string;
  let other: string;
  before(async () => {
    s = await startBrowserSession();
    const one = async (sql: string) => (await s.t.db.query<{ id: string }>(sql))[0]!.id;
    lep = await one(`select id from partnerships where short_name = 'GCGP LEP'`);
    other = await one(`select id from partnerships where name = 'Cambridgeshire Horizons'`);
  });
  after(async () => s?.close());

  it('shows each role what it may do, and nothing more', async () => {
    const { page } = s;
    for (const role of ROLES) {
      await signInAs(s, role.email);
      await page.goto(`${s.baseUrl}/partnerships`);
      assert.equal(await page.getByRole('button', { name: 'Add a partnership' }).count(), role.add ? 1 : 0, `${role.email}: add`);
      assert.equal(await page.getByRole('link', { name: 'Admin', exact: true }).count(), role.users ? 1 : 0, `${role.email}: admin`);
      await expectAccessible(s);
      await page.goto(`${s.baseUrl}/partnerships/${lep}`);
      assert.equal(await page.getByRole('button', { name: 'Change details' }).count(), role.edit ? 1 : 0, `${role.email}: edit the LEP`);
      assert.equal(await page.getByRole('link', { name: 'Record a yearly contribution' }).count(), role.money ? 1 : 0, `${role.email}: contributions`);
      await signOut(s);
    }
  });

  it('refuses a partner editor another partnership with the 403 page', async () => {
    const { page } = s;
    await signInAs(s, 'partner.editor@example.org');
    await page.goto(`${s.baseUrl}/partnerships/${lep}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Change details' }).waitFor();
    const response = await page.goto(`${s.baseUrl}/partnerships/${other}/edit`);
    assert.equal(response?.status(), 403);
    await page.getByRole('heading', { name: 'You do not have permission to see this page' }).waitFor();
    await page.getByText('only the partnerships you have been given').waitFor();
    await expectAccessible(s);
    await page.goto(`${s.baseUrl}/partnerships/${other}`);
    assert.equal(await page.getByRole('button', { name: 'Change details' }).count(), 0);
    await signOut(s);
  });

  it('keeps a draft away from the public, even by its address', async () => {
    const { page } = s;
    await signInAs(s, 'partnership.officer@example.org');
    await page.goto(`${s.baseUrl}/partnerships/new`);
    await page.getByLabel('Name', { exact: true }).fill('Shadow Combined Authority Board');
    await page.getByLabel('Forum').check();
    await page.getByLabel('Purpose').fill('Prepare for a combined authority.');
    await page.getByRole('button', { name: 'Save partnership' }).click();
    await page.getByText('Not on the public register').waitFor();
    const draftUrl = page.url().replace('/partnerships/', '/register/').replace(/\?.*$/, '');
    await page.goto(draftUrl);
    await page.getByText('Draft', { exact: true }).first().waitFor();
    await signOut(s);

    const visitor = await s.browser.newPage();
    const response = await visitor.goto(draftUrl);
    assert.equal(response?.status(), 404);
    await visitor.getByRole('heading', { name: 'Page not found' }).waitFor();
    await visitor.goto(`${s.baseUrl}/register?q=Shadow%20Combined`);
    await visitor.getByText('0 partnerships match your filters').waitFor();
    await visitor.close();
  });

  it('resets a forgotten password through the outbox', async () => {
    const visitor = await s.browser.newPage();
    await visitor.goto(`${s.baseUrl}/sign-in`);
    await visitor.getByRole('link', { name: 'I have forgotten my password' }).click();
    await visitor.getByLabel('Email address').fill('councillor@example.org');
    await visitor.getByRole('button', { name: 'Send reset link' }).click();
    await visitor.getByRole('heading', { name: 'Check your email' }).waitFor();

    const { page } = s;
    await signInAs(s, 'administrator@example.org');
    await page.goto(`${s.baseUrl}/admin/outbox`);
    await expectAccessible(s);
    await page.getByText('Reset your Partnership Hub password').first().click();
    const body = await page.locator('.app-email').first().innerText();
    const link = /http:\/\/[^\s]+\/reset-password\/[\w-]+/.exec(body)?.[0];
    assert.ok(link, 'the e-mail carries a reset link');
    await signOut(s);

    await visitor.goto(link!.replace(/^http:\/\/[^/]+/, s.baseUrl));
    await visitor.getByLabel('New password', { exact: true }).fill('correct horse battery');
    await visitor.getByLabel('Confirm new password').fill('correct horse battery');
    await visitor.getByRole('button', { name: 'Save password' }).click();
    await visitor.getByText('Your password has been changed').waitFor();
    await visitor.close();
    await signInAs(s, 'councillor@example.org', 'correct horse battery');
    await signOut(s);
  });
});
