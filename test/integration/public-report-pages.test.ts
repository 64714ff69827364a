// Papers as HTML first (issue 17): a report written in the template is a public page once its agenda and the
// report are published, with its PDF as the printable version; an exempt item's page shows only its paragraph;
// a draft is not public. Every public link to a paper or pack says its type, size and pages (GOV.UK's
// attachment pattern), the pages of an uploaded file counted when it is stored (migration 0037).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { addDays } from '../../src/calendar/working-days.ts';
import { countMissingPages } from '../../src/files/index.ts';
import * as repo from '../../src/meetings/meetings.repository.ts';
import * as service from '../../src/meetings/meetings.service.ts';
import { emptyReport, IMPLICATIONS } from '../../src/meetings/report-template.ts';
import type { RequestContext } from '../../src/web/context.ts';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { generatedSizePattern } from '../pages.ts';
import { pdfPageTexts } from '../pdf-text.ts';

const REPORT_TITLE = 'Community Resilience Strategy Principles';
const SECRET_TITLE = 'Sale of land at Tenant Farm';
const SECRET_TEXT = 'The valuation is 4.2 million pounds';
const DRAFT_TEXT = 'An unfinished thought about the fund';

function clearedReport(title: string, background: string[]) {
  const r = emptyReport(title);
  r.from = 'Sarah Ferguson, Assistant Director, Housing, Communities and Youth';
  r.purpose = 'To agree the principles of community resilience.';
  r.recommendations = ['To note the progress of the Community Resilience objective.', 'To agree the principles of community resilience.'];
  r.officerContacts = [{ name: 'Sarah Ferguson', post: 'Assistant Director', email: 'sarah.ferguson@example.org', phone: '01223 729099' }];
  r.memberContacts = [{ name: 'Councillor Steve Criswell', post: 'Chairman', email: 'steve.criswell@example.org', phone: '' }];
  r.background = background;
  r.mainIssues = ['The delivery plan suggests five broad outcomes.'];
  r.alignment = ['Community resilience supports the local economy.', '', ''];
  r.implications.publicHealth = 'Building community resilience supports people to take responsibility for their health.';
  for (const { key } of IMPLICATIONS) r.clearances[key] = { status: 'cleared', officer: 'Tom Kelly', note: '' };
  r.clearances.equality = { status: 'not_applicable', officer: '', note: '' };
  r.sourceDocuments = [{ title: 'Community Resilience Strategy 2017', location: 'https://example.org/resilience' }];
  return r;
}

async function threePagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 3; i++) doc.addPage().drawText(`Site plan page ${i}`, { x: 60, y: 780, size: 14, font });
  return Buffer.from(await doc.save());
}

/** A Word file as Word saves it, with its statistics (docProps/app.xml) saying 14 pages. */
function wordWithPages(): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      'word/document.xml': strToU8(
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Grants</w:t></w:r></w:p></w:body></w:document>',
      ),
      'docProps/app.xml': strToU8('<?xml version="1.0"?><Properties><Pages>14</Pages><Words>4100</Words></Properties>'),
    }),
  );
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('reports as public pages, and attachment links with type, size and pages', () => {
  let t: TestApp;
  let ctx: RequestContext;
  let visitor: Agent;
  let meetingId: string;
  let unpublishedMeetingId: string;
  const items: Record<string, string> = {};
  let pdf: Buffer;
  const word = wordWithPages();

  const publish = async (mid: string, itemId: string, opts?: { uploadClearanceConfirmed: boolean }) =>
    service.setReportPublished(t.db, ctx, mid, itemId, (await repo.getReport(t.db, t.tenantId, itemId))!.version, true, opts);
  const reportUrl = (itemId: string, mid = meetingId) => `/calendar/${mid}/items/${itemId}/report`;

  before(async () => {
    t = await buildTestApp({ demo: false });
    ctx = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    visitor = anonymousAgent(t.app);
    pdf = await threePagePdf();
    const bodyId = await service.createBody(t.db, ctx, {
      name: 'Communities and Partnership Committee',
      kind: 'committee',
      draftReportClearDays: 8,
      despatchClearDays: 5,
    });
    await service.setBodyPublication(t.db, ctx, bodyId, 1, 'published');
    const meetingDate = addDays(service.todayInEngland(), 40);
    meetingId = await service.createMeeting(t.db, ctx, bodyId, { meetingDate, startTime: '14:00', kind: 'formal', isPublic: true });
    unpublishedMeetingId = await service.createMeeting(t.db, ctx, bodyId, { meetingDate: addDays(meetingDate, 7), kind: 'formal', isPublic: true });

    items.apologies = await service.addItem(t.db, ctx, meetingId, { title: 'Apologies for absence', purpose: 'standing' });
    items.report = await service.addItem(t.db, ctx, meetingId, { title: 'Community resilience', purpose: 'decision' });
    await service.saveReport(
      t.db,
      ctx,
      meetingId,
      items.report,
      null,
      clearedReport(REPORT_TITLE, [
        'The formation of the Committee in July 2017 has enabled a greater focus on partnership working.',
        'Examples of current activity include:\n- Creation of a new Timebank.\n- Aligning actions and resources with those elsewhere.',
      ]),
    );
    await publish(meetingId, items.report);
    items.draft = await service.addItem(t.db, ctx, meetingId, { title: 'Innovate and Cultivate Fund', purpose: 'information' });
    await service.saveReport(t.db, ctx, meetingId, items.draft, null, clearedReport('Innovate and Cultivate Fund', [DRAFT_TEXT]));
    items.exempt = await service.addItem(t.db, ctx, meetingId, { title: SECRET_TITLE, purpose: 'decision', exemptParagraph: 3 });
    await service.saveReport(t.db, ctx, meetingId, items.exempt, null, clearedReport(SECRET_TITLE, [SECRET_TEXT]));
    await publish(meetingId, items.exempt);
    items.plans = await service.addItem(t.db, ctx, meetingId, { title: 'Site plans', purpose: 'information' });
    await service.uploadReport(t.db, ctx, meetingId, items.plans, { filename: 'Site plans.pdf', data: pdf });
    await publish(meetingId, items.plans, { uploadClearanceConfirmed: true });
    items.grants = await service.addItem(t.db, ctx, meetingId, { title: 'Community grants', purpose: 'decision' });
    await service.uploadReport(t.db, ctx, meetingId, items.grants, { filename: 'Community grants.docx', data: word });
    await publish(meetingId, items.grants, { uploadClearanceConfirmed: true });
    await service.publishAgenda(t.db, ctx, meetingId, (await repo.getMeeting(t.db, t.tenantId, meetingId))!.version, true);

    items.later = await service.addItem(t.db, ctx, unpublishedMeetingId, { title: 'Later report', purpose: 'decision' });
    await service.saveReport(t.db, ctx, unpublishedMeetingId, items.later, null, clearedReport('Later report', ['Not yet on a published agenda.']));
    await publish(unpublishedMeetingId, items.later);
  });
  after(async () => t?.close());

  it('shows a published template report as a page with the content of its PDF and the PDF as its printable version', async () => {
    const res = await visitor.get(reportUrl(items.report!));
    assert.equal(res.statusCode, 200);
    const html = res.body;
    const printed = await visitor.get(`/calendar/${meetingId}/papers/${items.report}`);
    assert.equal(printed.statusCode, 200);
    const pages = await pdfPageTexts(printed.rawPayload);
    const pdfText = pages.join(' ');
    assert.match(html, new RegExp(`<h1 class="govuk-heading-xl">${REPORT_TITLE}</h1>`));
    assert.match(html, /<title>[^<]*Community Resilience Strategy Principles/);
    // The printable version: type, size and pages of the very PDF that is served.
    const pageWord = pages.length === 1 ? '1 page' : `${pages.length} pages`;
    assert.match(
      html,
      new RegExp(
        `href="/calendar/${meetingId}/papers/${items.report}">Printable version<span class="govuk-visually-hidden">[^<]*</span></a> \\(PDF, ${generatedSizePattern(printed.rawPayload.length)}, ${pageWord}\\)`,
      ),
    );
    // The same content as the PDF: header, recommendations, contacts, numbered paragraphs, bullets, implications,
    // clearances and source documents, each in accessible markup.
    for (const [label, expected] of [
      ['the header', /<dt class="govuk-summary-list__key">\s*From\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Sarah Ferguson, Assistant Director/],
      ['the purpose', /<h2 class="govuk-heading-m" id="purpose">Purpose<\/h2>\s*<p class="govuk-body">To agree the principles of community resilience\.<\/p>/],
      ['lettered recommendations', /<li><span class="app-lettered__letter">b\)<\/span> To agree the principles of community resilience\.<\/li>/],
      ['contacts', /Email: <a class="govuk-link app-break-anywhere" href="mailto:sarah.ferguson@example.org">/],
      ['numbered sections', /<h2 class="govuk-heading-m" id="section-1">1\. Background<\/h2>/],
      [
        'numbered paragraphs',
        /<span class="app-numbered__number">1\.2<\/span><div>\s*<p class="govuk-body">Examples of current activity include:<\/p><ul class="govuk-list govuk-list--bullet"><li>Creation of a new Timebank\.<\/li>/,
      ],
      [
        'alignment with its default',
        /3\.2 Helping people live healthy and independent lives<\/h3>\s*<p class="govuk-body">There are no significant implications for this priority\.<\/p>/,
      ],
      ['implications', /4\.7 Public Health Implications<\/h3>\s*<p class="govuk-body">Building community resilience supports people/],
      ['the clearance table', /<th scope="col" class="govuk-table__header">Officer clearance<\/th>[\s\S]*Yes\. Name of officer: Tom Kelly/],
      [
        'source documents',
        /Community Resilience Strategy 2017<\/td><td class="govuk-table__cell app-break-anywhere"><a [^>]*href="https:\/\/example\.org\/resilience"/,
      ],
    ] as const) {
      assert.match(html, expected, label);
    }
    for (const words of [
      'The formation of the Committee in July 2017',
      'Creation of a new Timebank.',
      'The delivery plan suggests five broad outcomes.',
      'Have the resource implications been cleared by Finance?',
      'There are no significant implications within this category.',
      'Community Resilience Strategy 2017',
    ]) {
      assert.ok(html.includes(words), `the page has "${words}"`);
      assert.ok(pdfText.includes(words), `so does the PDF: "${words}"`);
    }
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('links the page first from the public meeting page, each paper with its type, size and pages', async () => {
    const html = (await visitor.get(`/calendar/${meetingId}`)).body;
    const printed = await visitor.get(`/calendar/${meetingId}/papers/${items.report}`);
    const pages = (await pdfPageTexts(printed.rawPayload)).length;
    const page = html.indexOf(`href="${reportUrl(items.report!)}">${REPORT_TITLE}`);
    const printable = html.indexOf(`href="/calendar/${meetingId}/papers/${items.report}">Printable version`);
    assert.ok(page > 0, 'the report page is linked');
    assert.ok(printable > page, 'and then its printable version');
    assert.match(
      html,
      new RegExp(`\\(PDF, ${generatedSizePattern(printed.rawPayload.length)}, ${pages} pages\\)`),
      'the printable version says type, size and pages',
    );
    // Uploaded papers are their own files: a PDF with its pages counted on upload, a Word file with the pages Word saved.
    assert.match(
      html,
      new RegExp(
        `href="/calendar/${meetingId}/papers/${items.plans}">Site plans\\.pdf<span[^>]*>[^<]*</span></a> <span class="govuk-body-s">\\(PDF, ${kb(pdf.length)}, 3 pages\\)</span>`,
      ),
    );
    assert.match(
      html,
      new RegExp(
        `href="/calendar/${meetingId}/papers/${items.grants}">Community grants\\.docx<span[^>]*>[^<]*</span></a> <span class="govuk-body-s">\\(Word, ${escapeRegExp(word.length < 1024 ? `${word.length} bytes` : kb(word.length))}, 14 pages\\)</span>`,
      ),
    );
    // Neither the draft nor the exempt report is linked, nor its page.
    for (const hidden of [reportUrl(items.draft!), reportUrl(items.exempt!), SECRET_TITLE, DRAFT_TEXT])
      assert.ok(!html.includes(hidden), `${hidden} is not on the meeting page`);
  });

  it('says the agenda pack’s size and pages once it is built', async () => {
    const pack = await visitor.get(`/calendar/${meetingId}/agenda.pdf`);
    assert.equal(pack.statusCode, 200);
    const pages = (await pdfPageTexts(pack.rawPayload)).length;
    const html = (await visitor.get(`/calendar/${meetingId}`)).body;
    const size =
      pack.rawPayload.length >= 1024 * 1024
        ? `${(pack.rawPayload.length / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`
        : generatedSizePattern(pack.rawPayload.length);
    assert.match(
      html,
      new RegExp(
        `href="/calendar/${meetingId}/agenda\\.pdf">Agenda pack<span[^>]*>[^<]*</span></a> <span class="govuk-body-s">\\(PDF, ${size}, ${pages} pages\\)</span>`,
      ),
    );
  });

  it('shows an exempt item’s page with its paragraph only, never its title or text', async () => {
    const res = await visitor.get(reportUrl(items.exempt!));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A/);
    assert.match(res.body, /Item 4: exempt item/);
    for (const secret of [SECRET_TITLE, SECRET_TEXT, 'Printable version', `/papers/${items.exempt}`])
      assert.ok(!res.body.includes(secret), `the exempt page does not show ${secret}`);
  });

  it('keeps a draft, a withdrawn report and a report on an unpublished agenda off the public site', async () => {
    assert.equal((await visitor.get(reportUrl(items.draft!))).statusCode, 404, 'a draft');
    assert.ok(!(await visitor.get(reportUrl(items.draft!))).body.includes(DRAFT_TEXT));
    assert.equal((await visitor.get(reportUrl(items.apologies!))).statusCode, 404, 'an item with no report');
    assert.equal((await visitor.get(reportUrl(items.later!, unpublishedMeetingId))).statusCode, 404, 'the agenda is not published');
    assert.equal((await visitor.get(reportUrl(items.report!, unpublishedMeetingId))).statusCode, 404, 'another meeting’s item');
    for (const url of [
      `/calendar/${meetingId}/items/not-a-uuid/report`,
      '/calendar/x/items/y/report',
      `/calendar/${meetingId}/items/00000000-0000-4000-8000-000000000000/report`,
    ]) {
      assert.equal((await visitor.get(url)).statusCode, 404, url);
    }
    // The staff preview of a draft is the back office's, behind sign-in.
    const staffPreview = await visitor.get(`/meetings/${meetingId}/items/${items.draft}/report`);
    assert.notEqual(staffPreview.statusCode, 200);
    assert.ok(!staffPreview.body.includes(DRAFT_TEXT));
    const officer = await signIn(t.app, 'administrator').catch(() => null);
    if (officer) assert.ok((await officer.get(`/meetings/${meetingId}/items/${items.draft}/report`)).body.includes(DRAFT_TEXT), 'staff still preview it');
    // Withdrawn: the page goes with the report.
    const itemId = items.report!;
    await service.setReportPublished(t.db, ctx, meetingId, itemId, (await repo.getReport(t.db, t.tenantId, itemId))!.version, false);
    assert.equal((await visitor.get(reportUrl(itemId))).statusCode, 404, 'withdrawn');
    await service.setReportPublished(t.db, ctx, meetingId, itemId, (await repo.getReport(t.db, t.tenantId, itemId))!.version, true);
    assert.equal((await visitor.get(reportUrl(itemId))).statusCode, 200, 'published again');
  });

  it('sends an uploaded paper’s page address to its file', async () => {
    const res = await visitor.get(reportUrl(items.plans!));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/calendar/${meetingId}/papers/${items.plans}`);
  });

  it('counts the pages of files stored before counting began, in the hourly run', async () => {
    const fileId = (await repo.getItem(t.db, t.tenantId, meetingId, items.plans!))!.fileId!;
    await t.db.transaction({ actor: 'test' }, (tx) =>
      tx.query<never>('update files set page_count = null where tenant_id = $1 and id = $2', [t.tenantId, fileId]),
    );
    assert.ok((await visitor.get(`/calendar/${meetingId}`)).body.includes(`(PDF, ${kb(pdf.length)})`), 'not yet counted: type and size only');
    assert.ok((await countMissingPages(t.db, t.tenantId)) >= 1);
    assert.equal((await repo.getItem(t.db, t.tenantId, meetingId, items.plans!))!.pageCount, 3);
    assert.equal(await countMissingPages(t.db, t.tenantId), 0, 'each file is read once');
    assert.ok((await visitor.get(`/calendar/${meetingId}`)).body.includes(`(PDF, ${kb(pdf.length)}, 3 pages)`));
  });
});
