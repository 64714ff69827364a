// A democratic services officer minutes a meeting in a browser: a new meeting of the demo committee
// with two agenda items; attendance (every member present, then one member's apologies and a
// substitute for them); a declaration of interest; the minutes started and numbered on from the
// committee's last minute; a discussion, a unanimous resolution, a majority vote refused while it
// counts more votes than voting members present and then recorded, and an action; the draft minutes
// published. Then the public find the decision in the decisions register, read the draft minutes
// and see the substitute's attendance on the councillor's page. axe checks every page on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';

const COMMITTEE = 'Communities and Partnership Committee';
// Thursday 8 July 2027: not a bank holiday.
const MEETING = { day: '8', month: '7', year: '2027', long: 'Thursday 8 July 2027' };
const ITEMS = ['Community Resilience Strategy', 'Tackling Poverty Strategy'] as const;
// The demo committee's members on that date (seed 004 and the changes made at Annual Council 2018):
// all ten are recorded as present, then Councillor French gives apologies and Councillor Smith, a
// substitute member, substitutes for her, so ten members may vote.
const MEMBERS = [
  'Steve Criswell',
  'Kevin Cuffley',
  'Adela Costello',
  'Lorna Dupre',
  'Lis Every',
  'Janet French',
  'Lina Joseph',
  'Ian Manning',
  'Claire Richards',
  'Tom Sanderson',
];
const APOLOGIES = 'Janet French';
const SUBSTITUTE = 'Ambrose Smith';
const VOTING = MEMBERS.length;
const DECLARATION = { member: 'Lorna Dupre', description: 'She is a trustee of the Marshwood Community Pantry, named in the strategy.' };
const DISCUSSION =
  'The Committee considered the refreshed Community Resilience Strategy.\n\n' +
  'Members asked how parish councils would be involved in local resilience plans.';
const UNANIMOUS = 'To approve the Community Resilience Strategy 2027 to 2030.';
// "Marshwood" is in no demo record: the decisions register finds this resolution, and only it, by that word.
const MAJORITY = 'To adopt the Tackling Poverty Strategy, including the Marshwood food pantry pilot.';
const MAJORITY_DECISION = 'by a majority (6 votes in favour, 2 against, 1 abstention)';
const ACTION = {
  text: 'Report the first year of the Marshwood pilot to the Committee.',
  owner: 'Sarah Ferguson',
  due: ['30', '9', '2027'],
  dueLong: 'Thursday 30 September 2027',
};

/** What each element shows on screen: its text without the visually hidden parts, spaces collapsed. */
const visibleTexts = (cells: Locator) =>
  cells.evaluateAll((els) =>
    els.map((el) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('.govuk-visually-hidden').forEach((hidden) => hidden.remove());
      copy.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    }),
  );
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The back office's attendance table, and a row of it found by the person's name. */
const attendanceTable = (page: Page) => page.getByRole('table', { name: 'Who attended' });
const attendanceRow = (page: Page, name: string) =>
  attendanceTable(page).locator('tbody tr', { has: page.locator('td:first-child', { hasText: new RegExp(`^${escapeRegExp(name)}\\b`) }) });

describe('a democratic services officer minutes a meeting in a browser', () => {
  let s: BrowserSession;
  let meetingId = '';
  let minutesUrl = '';
  let lastNumber = 0;
  const minuteIds: string[] = [];
  const started = Date.now();
  before(async () => {
    s = await startBrowserSession();
    s.page.setDefaultTimeout(15_000);
    await signInAs(s, 'democratic.services@example.org');
  });
  after(async () => {
    await s?.close();
    console.log(`minutes journey: ${((Date.now() - started) / 1000).toFixed(1)}s, axe ran on ${s?.checked.length ?? 0} pages`);
  });

  it('reads the committee’s last minute number from its latest minutes', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/bodies`);
    await expectAccessible(s);
    await page.getByRole('link', { name: COMMITTEE, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: COMMITTEE }).waitFor();
    await expectAccessible(s);
    const past = page.getByRole('table', { name: 'Past' });
    // The minutes of 31 May 2018 are not in the seed, so they are not started: 17 April 2018's are the last.
    const formal = (date: string) => past.getByRole('row').filter({ hasText: 'Formal meeting' }).getByRole('link', { name: date, exact: true });
    const may = await formal('31 May 2018').getAttribute('href');
    const april = await formal('17 April 2018').getAttribute('href');
    await page.goto(`${s.baseUrl}${may}/minutes`);
    await page.getByRole('heading', { level: 1, name: /^Minutes/ }).waitFor();
    assert.equal((await page.locator('h1 .govuk-tag').innerText()).trim(), 'Not started');
    await expectAccessible(s);
    await page.goto(`${s.baseUrl}${april}/minutes`);
    assert.equal((await page.locator('h1 .govuk-tag').innerText()).trim(), 'Approved and signed');
    await expectAccessible(s);
    const numbers = (await page.locator('.app-minute h3').allTextContents()).map((t) => Number.parseInt(t, 10));
    lastNumber = Math.max(...numbers);
    assert.equal(lastNumber, 58, 'the demo’s 17 April 2018 minutes end at minute 58');
  });

  it('adds a formal public meeting of the committee with two items for decision', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/bodies`);
    await expectAccessible(s);
    await page.getByRole('link', { name: COMMITTEE, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: COMMITTEE }).waitFor();
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Add a meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a meeting' }).waitFor();
    await expectAccessible(s);
    const date = page.getByRole('group', { name: 'Date of the meeting' });
    await date.getByLabel('Day').fill(MEETING.day);
    await date.getByLabel('Month').fill(MEETING.month);
    await date.getByLabel('Year').fill(MEETING.year);
    await page.getByLabel('Start time (optional)').fill('10:00');
    await page.getByLabel('Venue (optional)').fill('Kreis Viersen Room, Shire Hall, Cambridge');
    await page.getByLabel('Formal meeting').check();
    await page.getByLabel('Yes, open to the public and press').check();
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}\?done=created/);
    meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    minutesUrl = `${s.baseUrl}/meetings/${meetingId}/minutes`;
    await page.getByRole('heading', { level: 1, name: MEETING.long }).waitFor();
    await expectAccessible(s);

    for (const [i, title] of ITEMS.entries()) {
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Add item' }) });
      await form.getByLabel('Title', { exact: true }).fill(title);
      await form.getByLabel('For decision', { exact: true }).check();
      await form.getByRole('button', { name: 'Add item' }).click();
      await page.waitForURL(/done=item/);
      await page.getByText('Agenda item added').waitFor();
      const row = page.locator('table.app-agenda tbody tr', { hasText: title });
      assert.equal((await row.locator('td').first().innerText()).trim(), String(i + 1));
      await expectAccessible(s);
    }
  });

  it('records attendance: every member present, then apologies from one and a substitute for her', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Attendance and minutes' }).click();
    await page.waitForURL(minutesUrl);
    await page.getByRole('heading', { level: 1, name: /^Minutes/ }).waitFor();
    await page.getByText('No attendance recorded yet.').waitFor();
    await expectAccessible(s);

    await page.getByRole('button', { name: 'Record every member as present' }).click();
    await page.getByText('Members recorded as present').waitFor();
    await expectAccessible(s);
    for (const name of MEMBERS) assert.match(await attendanceRow(page, name).innerText(), /Present/, `${name} is present`);
    assert.equal(await attendanceTable(page).locator('tbody tr').count(), MEMBERS.length);
    assert.match(await attendanceRow(page, 'Steve Criswell').innerText(), /Chairman/);
    await page.getByText(`${VOTING} voting members present.`).waitFor();

    // To change how someone attended, remove them and record them again.
    await page.getByRole('button', { name: `Remove ${APOLOGIES}`, exact: true }).click();
    await page.getByText('Removed', { exact: true }).waitFor();
    assert.equal(await attendanceRow(page, APOLOGIES).count(), 0);
    await page.getByText(`${VOTING - 1} voting members present.`).waitFor();
    await expectAccessible(s);

    const record = async (person: string, category: string, substituteFor?: string) => {
      await page.locator('summary', { hasText: 'Record someone’s attendance' }).click();
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Record attendance' }) });
      await form.getByLabel('Person', { exact: true }).selectOption({ label: `Councillor ${person}` });
      await form.getByRole('group', { name: 'Attendance' }).getByLabel(category, { exact: true }).check();
      if (substituteFor) await form.getByLabel('Substituting for (substitutes only)').selectOption({ label: `Councillor ${substituteFor}` });
      await expectAccessible(s);
      await form.getByRole('button', { name: 'Record attendance' }).click();
      await page.getByText('Attendance recorded').waitFor();
      await expectAccessible(s);
    };
    await record(APOLOGIES, 'Apologies');
    assert.equal((await attendanceRow(page, APOLOGIES).locator('td').nth(1).innerText()).trim(), 'Apologies');
    await record(SUBSTITUTE, 'Substitute', APOLOGIES);
    assert.equal((await attendanceRow(page, SUBSTITUTE).locator('td').nth(1).innerText()).trim(), `Substitute, substituting for ${APOLOGIES}`);
    assert.equal(await attendanceTable(page).locator('tbody tr').count(), MEMBERS.length + 1);
    // Substitutes vote; members who gave apologies do not.
    await page.getByText(`${VOTING} voting members present.`).waitFor();
  });

  it('records a declaration of interest on item 2', async () => {
    const { page } = s;
    await page.locator('summary', { hasText: 'Record a declaration of interest' }).click();
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Record declaration' }) });
    await form.getByLabel('Member', { exact: true }).selectOption({ label: `Councillor ${DECLARATION.member}` });
    await form.getByLabel('Agenda item').selectOption({ label: `2. ${ITEMS[1]}` });
    await form.getByLabel('Non-registerable interest', { exact: true }).check();
    await form.getByLabel('The interest').fill(DECLARATION.description);
    await expectAccessible(s);
    await form.getByRole('button', { name: 'Record declaration' }).click();
    await page.getByText('Declaration recorded').waitFor();
    await expectAccessible(s);
    const declarations = page.locator('#declarations + ul');
    assert.equal(
      (await declarations.innerText()).replace(/\s*Remove.*$/s, '').trim(),
      `Councillor ${DECLARATION.member}: Non-registerable interest, item 2: ${DECLARATION.description}`,
    );
  });

  it('starts the minutes, numbered on from the committee’s last minute', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Start the minutes' }).click();
    await page.getByText('Minutes started and numbered').waitFor();
    assert.equal((await page.locator('h1 .govuk-tag').innerText()).trim(), 'Draft');
    await expectAccessible(s);
    const headings = (await page.locator('.app-minute h3').allTextContents()).map((t) => t.trim());
    assert.deepEqual(
      headings,
      ITEMS.map((title, i) => `${lastNumber + 1 + i}. ${title.toUpperCase()}`),
    );
    assert.equal(headings.length, 2);
    for (const [i] of ITEMS.entries()) {
      const href = await page.getByRole('link', { name: `Write minute ${lastNumber + 1 + i}, its resolutions and actions` }).getAttribute('href');
      minuteIds.push(/\/minutes\/([0-9a-f-]{36})$/.exec(href!)![1]!);
    }
  });

  it('writes the first minute with a unanimous resolution', async () => {
    const { page } = s;
    const number = lastNumber + 1;
    await page.getByRole('link', { name: `Write minute ${number}, its resolutions and actions` }).click();
    await page.getByRole('heading', { level: 1, name: `Minute ${number}` }).waitFor();
    assert.equal(await page.getByLabel('Heading').inputValue(), ITEMS[0]);
    await expectAccessible(s);
    await page.getByLabel('Minute', { exact: true }).fill(DISCUSSION);
    await page.getByRole('button', { name: 'Save minute' }).click();
    // The minute page shows no success banner (its handler passes no flash), so wait for the redirect.
    await page.waitForURL(`${minutesUrl}/${minuteIds[0]}?done=minute`);
    assert.equal(await page.getByLabel('Minute', { exact: true }).inputValue(), DISCUSSION);
    await expectAccessible(s);

    await page.getByLabel('Resolution', { exact: true }).fill(UNANIMOUS);
    assert.ok(await page.getByRole('group', { name: 'How it was decided' }).getByLabel('Unanimously').isChecked(), 'unanimous is the default');
    await page.getByRole('button', { name: 'Add resolution' }).click();
    await page.waitForURL(`${minutesUrl}/${minuteIds[0]}?done=resolution#resolutions`);
    await expectAccessible(s);
    const resolutions = page.locator('#resolutions + ol li');
    assert.equal(await resolutions.count(), 1);
    assert.match(await resolutions.first().innerText(), new RegExp(`^a\\)\\s*${escapeRegExp(UNANIMOUS)}\\s*\\(unanimously\\)`));
  });

  it('refuses a majority vote with more votes than voting members present, then records it', async () => {
    const { page } = s;
    const number = lastNumber + 2;
    await page.getByRole('link', { name: 'Back to the minutes' }).click();
    await page.waitForURL(`${minutesUrl}#minute-${lastNumber + 1}`);
    await expectAccessible(s);
    await page.getByRole('link', { name: `Write minute ${number}, its resolutions and actions` }).click();
    await page.getByRole('heading', { level: 1, name: `Minute ${number}` }).waitFor();
    await page.getByText(`For a vote, give the numbers: ${VOTING} voting members present.`).waitFor();
    await expectAccessible(s);

    await page.getByLabel('Resolution', { exact: true }).fill(MAJORITY);
    const how = page.getByRole('group', { name: 'How it was decided' });
    await how.getByLabel('By a majority').check();
    await page.getByLabel('Votes in favour (optional)').fill('20');
    await page.getByRole('button', { name: 'Add resolution' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Error: /);
    const refusal = `The votes recorded (20) are more than the ${VOTING} voting members present`;
    assert.deepEqual(
      (await summary.getByRole('link').allTextContents()).map((t) => t.trim()),
      [refusal],
    );
    assert.equal(await summary.getByRole('link').getAttribute('href'), '#votesFor');
    assert.equal((await page.locator('#votesFor-error').innerText()).replace(/^Error:\s*/, '').trim(), refusal);
    assert.equal(await page.locator('#votesFor').getAttribute('aria-describedby'), 'votesFor-error');
    // Nothing recorded, and what was typed is kept to correct.
    await page.getByText('None recorded.').waitFor();
    assert.equal(await page.getByLabel('Resolution', { exact: true }).inputValue(), MAJORITY);
    assert.ok(await how.getByLabel('By a majority').isChecked());
    await expectAccessible(s);

    await page.getByLabel('Votes in favour (optional)').fill('6');
    await page.getByLabel('Votes against (optional)').fill('2');
    await page.getByLabel('Abstentions (optional)').fill('1');
    await page.getByRole('button', { name: 'Add resolution' }).click();
    await page.waitForURL(`${minutesUrl}/${minuteIds[1]}?done=resolution#resolutions`);
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    await expectAccessible(s);
    const resolutions = page.locator('#resolutions + ol li');
    assert.equal(await resolutions.count(), 1);
    assert.match(await resolutions.first().innerText(), new RegExp(`^a\\)\\s*${escapeRegExp(MAJORITY)}\\s*\\(${escapeRegExp(MAJORITY_DECISION)}\\)`));
  });

  it('records an action on the second minute with an owner and a due date', async () => {
    const { page } = s;
    await page.getByLabel('Action', { exact: true }).fill(ACTION.text);
    await page.getByLabel('Action to be taken by').selectOption({ label: ACTION.owner });
    const due = page.getByRole('group', { name: 'Due date (optional)' });
    await due.getByLabel('Day').fill(ACTION.due[0]!);
    await due.getByLabel('Month').fill(ACTION.due[1]!);
    await due.getByLabel('Year').fill(ACTION.due[2]!);
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.waitForURL(`${minutesUrl}/${minuteIds[1]}?done=action#actions`);
    await expectAccessible(s);
    assert.equal((await page.locator('#actions + ul li').innerText()).trim(), `${ACTION.text}: ${ACTION.owner}, due ${ACTION.dueLong} (ongoing)`);
  });

  it('publishes the draft minutes', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Back to the minutes' }).click();
    await page.waitForURL(`${minutesUrl}#minute-${lastNumber + 2}`);
    const second = page.locator(`#minute-${lastNumber + 2}`);
    assert.match(await second.innerText(), new RegExp(escapeRegExp(MAJORITY_DECISION)));
    assert.match(await second.innerText(), new RegExp(`Actions: ${escapeRegExp(ACTION.text)} \\(${ACTION.owner}\\)`));
    assert.match(await page.locator(`#minute-${lastNumber + 1}`).innerText(), /parish councils/);
    await page.getByRole('button', { name: 'Publish the draft minutes' }).click();
    await page.getByText('Draft minutes published').waitFor();
    assert.equal((await page.locator('h1 .govuk-tag').innerText()).trim(), 'Draft, published');
    assert.equal(await page.getByRole('button', { name: 'Publish the draft minutes' }).count(), 0);
    await expectAccessible(s);
  });

  it('shows the public the decision, the draft minutes and the substitute’s attendance', async () => {
    const context = await s.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const visitor: BrowserSession = { ...s, page };
      const check = () => expectAccessible(visitor); // visitor.checked is the session's list

      // The decisions register, searched by a word in the resolution.
      await page.goto(`${s.baseUrl}/decisions`);
      await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'an anonymous visitor');
      await check();
      await page.getByLabel('Subject').fill('Marshwood');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/\/decisions\?q=Marshwood/);
      await page.getByText('1 decision match your filters.').waitFor();
      await check();
      const row = page.getByRole('table', { name: 'Decisions' }).locator('tbody tr');
      assert.equal(await row.count(), 1);
      const cells = await visibleTexts(row.locator('td'));
      assert.deepEqual(cells, [
        `${MEETING.long} Draft minutes`,
        COMMITTEE,
        `${lastNumber + 2}. ${ITEMS[1]}`,
        `a) ${MAJORITY}`,
        `Resolved ${MAJORITY_DECISION}`,
      ]);

      // Its link leads to the minute in the published draft minutes.
      // Its name carries the committee and the date for screen readers.
      await row.getByRole('link', { name: new RegExp(`^${lastNumber + 2}\\. ${ITEMS[1]}\\s*, ${COMMITTEE}, ${MEETING.long}$`) }).click();
      await page.waitForURL(`${s.baseUrl}/calendar/${meetingId}/minutes#minute-${lastNumber + 2}`);
      await page.getByRole('heading', { level: 1, name: `Draft minutes: ${MEETING.long}` }).waitFor();
      await check();
      await page.getByText('Draft minutes: subject to approval at the next meeting.').waitFor();
      const attendance = page.locator('#attendance + .govuk-summary-list');
      const present = (await attendance.locator('.govuk-summary-list__row', { hasText: 'Present' }).locator('dd').innerText()).trim();
      assert.match(present, new RegExp(`^Councillors: ${SUBSTITUTE} \\(substituting for Councillor ${APOLOGIES}\\), `));
      for (const name of MEMBERS.filter((m) => m !== APOLOGIES)) assert.match(present, new RegExp(name), `${name} is present`);
      assert.equal(
        (await attendance.locator('.govuk-summary-list__row', { hasText: 'Apologies' }).locator('dd').innerText()).trim(),
        `Councillors: ${APOLOGIES}`,
      );
      assert.equal(
        (await page.locator('#declarations + ul').innerText()).trim(),
        `Councillor ${DECLARATION.member} declared a non-registerable interest in item 2: ${DECLARATION.description}`,
      );
      const first = page.locator(`#minute-${lastNumber + 1}`);
      await first.getByRole('heading', { level: 3, name: `${lastNumber + 1}. ${ITEMS[0]}` }).waitFor();
      assert.match(await first.innerText(), /Members asked how parish councils would be involved/);
      assert.match(await first.innerText(), new RegExp(`a\\)\\s*${escapeRegExp(UNANIMOUS)}\\s*Resolved unanimously`));
      const minute = page.locator(`#minute-${lastNumber + 2}`);
      await minute.getByRole('heading', { level: 3, name: `${lastNumber + 2}. ${ITEMS[1]}` }).waitFor();
      assert.match(await minute.innerText(), new RegExp(`a\\)\\s*${escapeRegExp(MAJORITY)}\\s*Resolved ${escapeRegExp(MAJORITY_DECISION)}`));
      const action = page.getByRole('table', { name: 'Actions arising from the meeting' }).locator('tbody tr');
      assert.deepEqual(await visibleTexts(action.locator('td')), [String(lastNumber + 2), ACTION.owner, ACTION.text, `Ongoing Due ${ACTION.dueLong}`]);

      // The substitute's page, from the list of councillors.
      await page.goto(`${s.baseUrl}/councillors`);
      await check();
      await page.getByRole('link', { name: `Councillor ${SUBSTITUTE}`, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `Councillor ${SUBSTITUTE}` }).waitFor();
      await check();
      const membership = page.getByRole('table', { name: 'Current memberships' }).getByRole('row', { name: new RegExp(COMMITTEE) });
      assert.equal((await membership.locator('td').nth(1).innerText()).trim(), 'Substitute');
      await membership.getByRole('link', { name: COMMITTEE, exact: true }).waitFor();
      const meetingRow = page
        .getByRole('table', { name: `Meetings and how Councillor ${SUBSTITUTE} attended` })
        .locator('tbody tr', { has: page.locator(`a[href="/calendar/${meetingId}"]`) });
      assert.deepEqual(await visibleTexts(meetingRow.locator('td')), [
        MEETING.long,
        COMMITTEE,
        `Present as a substitute for Councillor ${APOLOGIES}`,
        'Minutes',
      ]);
      assert.equal(
        await meetingRow.getByRole('link', { name: new RegExp(`^Minutes\\s+of ${COMMITTEE}, ${MEETING.long}$`) }).getAttribute('href'),
        `/calendar/${meetingId}/minutes`,
      );
      // The demo's 17 April 2018 meeting (substituting for Councillor Tierney) and this one.
      const asSubstitute = page.locator('.govuk-summary-list__row', { hasText: 'Present as a substitute' }).locator('dd');
      assert.equal((await asSubstitute.innerText()).trim(), '2');
    } finally {
      await context.close();
    }
  });

  it('checked every page it visited', () => {
    // Committees and the committee, 31 May and 17 April minutes; committees and the committee again, the meeting form,
    // the meeting and after each of 2 items; the minutes workspace 9 times (attendance, declaration, start); the first
    // minute 3 times, the workspace, the second minute 4 times, the workspace published; 5 public pages.
    assert.equal(s.checked.length, 34, `axe ran on ${s.checked.length} pages`);
  });
});
