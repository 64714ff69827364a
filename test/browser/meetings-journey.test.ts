// A democratic services officer's journey in a browser: add a meeting to the demo committee, build
// its agenda, write a report in the standard template (refused publication until every implication
// is cleared, then published), upload a PDF paper for another item, publish the agenda, and check the
// members' agenda pack: its page count, "Page N of M" on every page, the page ranges on the front
// sheet and the bookmarks all agree with where each paper really is. Then the public see the agenda.
// axe checks every page on the way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { IMPLICATIONS } from '../../src/meetings/report-template.ts';
import { pdfOutlineTitles, pdfPageTexts } from '../pdf-text.ts';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';

const COMMITTEE = 'Communities and Partnership Committee';
// Thursday 3 June 2027. The agenda must be despatched 5 clear working days before the meeting
// (the committee's rule, the statutory minimum): clear days exclude the day of despatch and the day
// of the meeting, and Monday 31 May 2027 is the late May bank holiday. Counting back from the
// meeting, the working days are Wed 2 June (1), Tue 1 June (2), [Mon 31 May: bank holiday],
// Fri 28 May (3), Thu 27 May (4), Wed 26 May (5): those are the 5 clear days, so the latest
// despatch is the working day before them, Tuesday 25 May 2027.
const MEETING = { day: '3', month: '6', year: '2027', long: 'Thursday 3 June 2027', despatch: 'Tuesday 25 May 2027' };
const ITEMS = [
  { title: 'Apologies for absence', purpose: 'Standing item' },
  { title: 'Community Resilience Strategy', purpose: 'For decision' },
  { title: 'Domestic Abuse and Sexual Violence Strategy Update', purpose: 'For information' },
] as const;
const REPORT_TITLE = 'Community Resilience Strategy 2027 to 2030';
const UPLOAD_NAME = 'dasv-strategy-update.pdf';
const UPLOAD_TITLE = 'DASV Partnership Strategy Update June 2027';
const CLEARED_BY: Record<string, string> = {
  resource: 'Tom Kelly',
  procurement: 'Gus de Silva',
  legal: 'Fiona McMillan',
  equality: 'Sarah Ferguson',
  engagement: 'Matthew Hall',
  localism: 'Sarah Ferguson',
};

/** A 3-page PDF, as a report written elsewhere would be: its title on page 1. */
async function threePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= 3; n++) {
    const page = doc.addPage([595.28, 841.89]);
    if (n === 1) page.drawText(UPLOAD_TITLE, { x: 60, y: 760, size: 18, font: bold });
    page.drawText(`Uploaded paper, sheet ${n} of 3`, { x: 60, y: 720, size: 12, font });
  }
  doc.setTitle(UPLOAD_TITLE);
  return doc.save();
}

describe('a democratic services officer prepares a meeting in a browser', () => {
  let s: BrowserSession;
  let meetingUrl = '';
  let meetingId = '';
  let packBytes: Uint8Array = new Uint8Array();
  const started = Date.now();
  before(async () => {
    s = await startBrowserSession();
    s.page.setDefaultTimeout(15_000);
    await s.page.goto(`${s.baseUrl}/sign-in`);
    await expectAccessible(s);
    await signInAs(s, 'democratic.services@example.org');
  });
  after(async () => {
    await s?.close();
    console.log(`meetings journey: ${((Date.now() - started) / 1000).toFixed(1)}s, axe ran on ${s?.checked.length ?? 0} pages`);
  });

  it('adds a meeting to the demo committee and shows its despatch deadline', async () => {
    const { page } = s;
    // From the back office's navigation (the public site has its own Committees page).
    await page.goto(`${s.baseUrl}/partnerships`);
    await expectAccessible(s);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Meetings', exact: true }).click();
    await page.getByRole('navigation', { name: 'Meetings section' }).getByRole('link', { name: 'Committees', exact: true }).click();
    await page.waitForURL(`${s.baseUrl}/bodies`);
    await page.getByRole('heading', { level: 1, name: 'Committees and boards' }).waitFor();
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
    assert.equal(await page.locator('#meetingDate-day').inputValue(), MEETING.day);
    await page.getByLabel('Start time (optional)').fill('14:00');
    await page.getByLabel('Venue (optional)').fill('Kreis Viersen Room, Shire Hall, Cambridge');
    await page.getByLabel('Formal meeting').check();
    await page.getByLabel('Yes, open to the public and press').check();
    await page.getByRole('button', { name: 'Save meeting' }).click();

    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}\?done=created/);
    meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    meetingUrl = `${s.baseUrl}/meetings/${meetingId}`;
    await page.getByRole('heading', { level: 1, name: MEETING.long }).waitFor();
    await expectAccessible(s);
    const summary = await page.locator('.govuk-summary-list').first().innerText();
    assert.match(summary, /14:00/);
    assert.match(summary, /Kreis Viersen Room, Shire Hall, Cambridge/);
    assert.match(summary, /Open to the public\s+Yes/);
    const despatch = page.getByRole('row', { name: /Agenda despatch/ });
    assert.equal((await despatch.getByRole('cell').first().innerText()).trim(), MEETING.despatch);
  });

  it('adds three items to the agenda', async () => {
    const { page } = s;
    for (const [i, item] of ITEMS.entries()) {
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Add item' }) });
      await form.getByLabel('Title', { exact: true }).fill(item.title);
      await form.getByLabel(item.purpose, { exact: true }).check();
      await form.getByRole('button', { name: 'Add item' }).click();
      await page.waitForURL(/done=item/);
      await page.getByText('Agenda item added').waitFor();
      const row = page.locator('table.app-agenda tbody tr', { hasText: item.title });
      assert.equal((await row.locator('td').first().innerText()).trim(), String(i + 1));
      assert.match(await row.innerText(), new RegExp(item.purpose));
      await expectAccessible(s);
    }
    const titles = await page.locator('table.app-agenda tbody tr strong').allTextContents();
    assert.deepEqual(
      titles.map((t) => t.trim()),
      ITEMS.map((i) => i.title),
    );
  });

  it('writes the report for item 2, which cannot be published until every implication is cleared', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Add a report for item 2' }).click();
    await page.getByRole('heading', { level: 1, name: ITEMS[1].title }).waitFor();
    await page.getByText('This item has no report yet.').waitFor();
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Write the report in the standard template' }).click();
    await page.getByRole('heading', { level: 1, name: 'Write the report for item 2' }).waitFor();
    await expectAccessible(s);

    await page.getByLabel('Title', { exact: true }).fill(REPORT_TITLE);
    await page.getByLabel('From', { exact: true }).fill('Sarah Ferguson, Assistant Director, Housing, Communities and Youth');
    await page.getByLabel('Purpose', { exact: true }).fill('To ask the Committee to approve the draft Community Resilience Strategy for public consultation.');
    await page
      .getByLabel('Recommendations')
      .fill(
        'Approve the draft strategy for public consultation\n' + 'Ask officers to report the results of the consultation to the Committee in December 2027',
      );
    const officer = page.getByRole('group', { name: 'Officer contact' });
    await officer.getByLabel('Name', { exact: true }).fill('Elaine Matthews');
    await officer.getByLabel('Post').fill('Strategic Manager, Community Resilience');
    await officer.getByLabel('Email').fill('elaine.matthews@example.org');
    await officer.getByLabel('Telephone').fill('01632 960210');
    await page
      .getByLabel('Background', { exact: true })
      .fill(
        'In 2026 the Committee asked for the Community Resilience Strategy to be refreshed.\n\n' +
          'This report presents the draft strategy and the plan for consulting residents and partners on it.',
      );
    await page
      .getByLabel('Main issues', { exact: true })
      .fill(
        'The draft strategy has three themes:\n- Strong communities\n- Safe communities\n- Connected communities\n\n' +
          'Consultation will run for twelve weeks from July 2027.',
      );
    for (const imp of IMPLICATIONS) {
      assert.ok(await page.getByRole('group', { name: imp.question, exact: true }).getByLabel('Not yet cleared').isChecked(), `${imp.key} starts not cleared`);
    }
    await page.getByRole('button', { name: 'Save report' }).click();
    await page.getByText('Report saved').waitFor();
    await page.getByRole('heading', { level: 2, name: REPORT_TITLE }).waitFor();
    await expectAccessible(s);
    const report = page.locator('.app-report');
    assert.match(await report.innerText(), /a\)\s*Approve the draft strategy for public consultation/);
    assert.match(await report.innerText(), /b\)\s*Ask officers to report/);
    assert.equal(await report.locator('.app-numbered', { hasText: 'refreshed' }).locator('.app-numbered__number').innerText(), '1.1');
    assert.equal(await report.locator('.app-numbered', { hasText: 'plan for consulting' }).locator('.app-numbered__number').innerText(), '1.2');
    assert.deepEqual(
      (await report.locator('ul li').allTextContents()).map((t) => t.trim()),
      ['Strong communities', 'Safe communities', 'Connected communities'],
    );

    await page.getByRole('button', { name: 'Publish the report' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Error: /);
    const problems = (await summary.getByRole('link').allTextContents()).map((t) => t.trim());
    assert.equal(problems.length, IMPLICATIONS.length, 'one problem for each of the seven implications');
    for (const p of problems) assert.match(p, /implications have not been cleared: record the officer who cleared them, or mark them not applicable$/);
    assert.match(problems[0]!, /^Resource implications/);
    // The reason for the refusal heads the error summary.
    assert.match(
      await summary.locator('.govuk-error-summary__list li').first().innerText(),
      /The report cannot be published until every implication is cleared by a named officer or marked not applicable \(7 to do\)/,
    );
    // Each summary link leads to the line naming that implication.
    for (const href of await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      assert.equal(await page.locator(href!).count(), 1, `${href} is on the page`);
    }
    assert.equal((await page.locator('main .govuk-tag').first().innerText()).trim(), 'Draft');
    await expectAccessible(s);
  });

  it('clears every implication and publishes the report', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Change the report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Write the report for item 2' }).waitFor();
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), REPORT_TITLE);
    for (const imp of IMPLICATIONS) {
      const part = page.getByRole('group', { name: imp.heading, exact: true });
      const officer = CLEARED_BY[imp.key];
      if (officer) {
        await part.getByLabel('Cleared by a named officer').check();
        await part.getByLabel('Name of the officer who cleared them').fill(officer);
      } else {
        await part.getByLabel('Not applicable').check();
      }
    }
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Save report' }).click();
    await page.getByText('Report saved').waitFor();
    await expectAccessible(s);
    const clearances = await page.getByRole('table', { name: 'Officer clearance' }).innerText();
    assert.match(clearances, /Yes\. Name of officer: Tom Kelly/);
    assert.match(clearances, /Not applicable/);
    assert.doesNotMatch(clearances, /Not yet cleared|To do/);
    await page.getByRole('button', { name: 'Publish the report' }).click();
    await page.waitForURL(/done=published/);
    assert.equal((await page.locator('.govuk-notification-banner').innerText()).includes('Published'), true);
    assert.equal((await page.locator('main .govuk-tag').first().innerText()).trim(), 'Published');
    await page.getByRole('button', { name: 'Withdraw the report' }).waitFor();
    await expectAccessible(s);
  });

  it('uploads a PDF as the paper for item 3 and publishes it', async () => {
    const { page } = s;
    await page.goto(meetingUrl);
    await expectAccessible(s);
    await page.getByRole('link', { name: 'Add a report for item 3' }).click();
    await page.getByRole('heading', { level: 1, name: ITEMS[2].title }).waitFor();
    await page.getByText('Upload the report as a file instead').click();
    await page.getByLabel('Report as PDF or Word').setInputFiles({ name: UPLOAD_NAME, mimeType: 'application/pdf', buffer: Buffer.from(await threePagePdf()) });
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Upload report' }).click();
    await page.getByText('Report uploaded').waitFor();
    await page.getByRole('link', { name: UPLOAD_NAME }).waitFor();
    assert.equal((await page.locator('main .govuk-tag').first().innerText()).trim(), 'Draft');
    await expectAccessible(s);
    await page.getByLabel('The officer clearance table in this paper is complete', { exact: false }).check();
    await page.getByRole('button', { name: 'Publish the report' }).click();
    await page.waitForURL(/done=published/);
    assert.equal((await page.locator('main .govuk-tag').first().innerText()).trim(), 'Published');
    await expectAccessible(s);
  });

  it('publishes the agenda and downloads the members’ agenda pack', async () => {
    const { page } = s;
    await page.goto(meetingUrl);
    await expectAccessible(s);
    const papers = page.locator('table.app-agenda tbody tr');
    assert.match(await papers.nth(1).innerText(), /Report[\s\S]*Published/);
    assert.match(await papers.nth(2).innerText(), new RegExp(`${UPLOAD_NAME.replace(/\./g, '\\.')}[\\s\\S]*Published`));
    await page.getByRole('button', { name: 'Publish the agenda' }).click();
    await page.getByText('Agenda published', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Withdraw the agenda from publication' }).waitFor();
    await expectAccessible(s);

    const href = await page.getByRole('link', { name: 'Agenda pack for members (PDF)' }).getAttribute('href');
    assert.equal(href, `/meetings/${meetingId}/pack.pdf`);
    const res = await page.request.get(new URL(href!, s.baseUrl).toString());
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    packBytes = new Uint8Array(await res.body());
    assert.equal(Buffer.from(packBytes.subarray(0, 5)).toString('latin1'), '%PDF-');
  });

  it('numbers every page of the pack and its front sheet points at each paper', async () => {
    const pages = await pdfPageTexts(packBytes);
    const total = pages.length;
    // Every page carries "Page N of M" with its own number and the pack's length.
    pages.forEach((text, i) => {
      const stamps = [...text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => `${m[1]} of ${m[2]}`);
      assert.deepEqual(stamps, [`${i + 1} of ${total}`], `page ${i + 1}: ${text.slice(-80)}`);
    });

    // Where the papers really are: the report starts with its item number and title in capitals and
    // ends with its source documents table; the uploaded paper's three sheets follow it.
    const reportFirst = pages.findIndex((t) => t.includes('Agenda Item No: 2') && t.includes(REPORT_TITLE.toUpperCase())) + 1;
    const reportLast = pages.findIndex((t) => t.includes('Source Documents')) + 1;
    const uploadFirst = pages.findIndex((t) => t.includes(UPLOAD_TITLE)) + 1;
    assert.ok(reportFirst > 1, 'the report is in the pack, after the front sheet');
    assert.ok(reportLast >= reportFirst, 'the report ends with its source documents');
    assert.equal(uploadFirst, reportLast + 1, 'the uploaded paper follows the report');
    for (let n = 1; n <= 3; n++) assert.match(pages[uploadFirst + n - 2]!, new RegExp(`Uploaded paper, sheet ${n} of 3`));
    const uploadLast = uploadFirst + 2;
    const frontSheet = reportFirst - 1;
    const reportPages = reportLast - reportFirst + 1;
    assert.equal(total, frontSheet + reportPages + 3, 'front sheet + report + the 3-page upload');
    assert.equal(uploadLast, total);
    for (let n = reportFirst; n <= reportLast; n++) assert.doesNotMatch(pages[n - 1]!, /Uploaded paper/);
    for (let n = 1; n <= frontSheet; n++) assert.doesNotMatch(pages[n - 1]!, /Agenda Item No:/);
    // The report as written: numbered paragraphs from the blank lines, bullets from the "- " lines.
    const report = pages.slice(reportFirst - 1, reportLast).join(' ');
    assert.match(report, /1\.1 In 2026 the Committee/);
    assert.match(report, /1\.2 This report presents/);
    assert.match(
      report,
      /2\.1 The draft strategy has three themes: \S? ?Strong communities \S? ?Safe communities \S? ?Connected communities 2\.2 Consultation/,
    );
    assert.match(report, /a\) Approve the draft strategy for public consultation b\) Ask officers/);
    assert.match(report, /Yes\. Name of officer: Tom Kelly/);

    // The front sheet: the committee, the date, and each item with the pages of its paper.
    const front = pages.slice(0, frontSheet).join(' ');
    assert.match(front, /COMMUNITIES AND PARTNERSHIP COMMITTEE/);
    assert.match(front, /Thursday, 3 June 2027/);
    const range = (first: number, last: number) => (first === last ? `${first}` : `${first} - ${last}`);
    const listed = (title: string) => {
      const m = new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ .…]*?(\\d+(?: - \\d+)?)(?!\\d)`).exec(front);
      assert.ok(m, `${title} is on the front sheet with its pages: ${front.slice(0, 600)}`);
      return m[1];
    };
    // Item 1 has no paper, so no pages against it.
    assert.match(front, /1\. Apologies for absence 2\. /);
    assert.equal(listed(`2. ${ITEMS[1].title}`), range(reportFirst, reportLast));
    assert.equal(listed(`3. ${ITEMS[2].title}`), range(uploadFirst, uploadLast));
    console.log(
      `front sheet: ${frontSheet} page(s); item 2 on pages ${range(reportFirst, reportLast)}; item 3 on pages ${range(uploadFirst, uploadLast)}; ${total} pages in all`,
    );

    // The bookmarks are the front sheet's item titles (issue 17) and go to the same pages; an item without a paper to the front sheet.
    assert.deepEqual(await pdfOutlineTitles(packBytes), [
      { title: 'Agenda', page: 1 },
      { title: `1. ${ITEMS[0].title}`, page: 1 },
      { title: `2. ${ITEMS[1].title}`, page: reportFirst },
      { title: `3. ${ITEMS[2].title}`, page: uploadFirst },
    ]);

    // For a person to look at: the pack on disk, and its first two pages as pictures when poppler is here.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'meetings-journey-'));
    const file = path.join(dir, 'agenda-pack.pdf');
    await writeFile(file, packBytes);
    console.log(`agenda pack: ${file}`);
    if (spawnSync('which', ['pdftoppm']).status === 0) {
      const rendered = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, path.join(dir, 'pack-page')]);
      assert.equal(rendered.status, 0, String(rendered.stderr));
      const pngs = (await readdir(dir))
        .filter((f) => f.endsWith('.png'))
        .sort()
        .map((f) => path.join(dir, f));
      assert.equal(pngs.length, 2);
      for (const png of pngs) console.log(`rendered: ${png}`);
    } else {
      console.log('pdftoppm is not installed: pages not rendered');
    }
  });

  it('shows the published agenda to the public', async () => {
    const context = await s.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const visitor: BrowserSession = { ...s, page };
      await page.goto(`${s.baseUrl}/calendar/${meetingId}`);
      await page.getByRole('heading', { level: 1, name: COMMITTEE }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'an anonymous visitor');
      await expectAccessible(visitor);
      const agenda = page.locator('main');
      for (const [i, item] of ITEMS.entries()) {
        await agenda.getByRole('heading', { level: 3, name: `${i + 1}. ${item.title}` }).waitFor();
      }
      await agenda.getByRole('link', { name: new RegExp(`^${REPORT_TITLE} \\(item 2\\)$`) }).waitFor();
      await agenda.getByRole('link', { name: new RegExp(`^${UPLOAD_NAME.replace(/\./g, '\\.')} \\(item 3\\)$`) }).waitFor();
      const pack = agenda.getByRole('link', { name: `Agenda pack for ${COMMITTEE}, ${MEETING.long}` });
      assert.equal(await pack.getAttribute('href'), `/calendar/${meetingId}/agenda.pdf`);
      const res = await page.request.get(`${s.baseUrl}/calendar/${meetingId}/agenda.pdf`);
      assert.equal(res.status(), 200);
      assert.equal(
        (await pdfPageTexts(new Uint8Array(await res.body()))).length,
        (await pdfPageTexts(packBytes)).length,
        'nothing is exempt, so the public pack is the members’ pack',
      );
    } finally {
      await context.close();
    }
  });

  it('checked every page it visited', () => {
    // Sign-in, partnerships, committees, the committee, the meeting form, the meeting, the meeting after each of
    // 3 items, 7 report pages and forms, the meeting, 3 pages for the upload, the meeting twice, the public page.
    assert.equal(s.checked.length, 23, `axe ran on ${s.checked.length} pages`);
  });
});
