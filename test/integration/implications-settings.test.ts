// The implications sections as the council's configuration (issue 16), through HTTP: the administrator's settings
// page for each report type (seeded with the seed papers' sets), bad input refused with nothing changed, a
// renamed heading printed in the generated quarterly update, and a new section needing clearance blocking a
// committee report's publication until an officer clears it; removed, the published report keeps printing it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type ConfigData, HtmlValidate } from 'html-validate';
import { DEFAULT_SECTIONS, REPORT_TYPES } from '../../src/meetings/implications.ts';
import { implicationSections, sectionsToForm } from '../../src/meetings/implications.service.ts';
import { buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';

const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../../.htmlvalidaterc.json', import.meta.url), 'utf8')) as ConfigData);
async function assertValid(html: string, what: string) {
  const report = await validator.validateString(html);
  const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`));
  assert.deepEqual(messages, [], `${what} is valid HTML`);
}

describe('implications sections per report type', () => {
  let t: TestApp;
  let admin: Agent;
  let clerk: Agent;
  let tenantId = '';
  const form = async (type: (typeof REPORT_TYPES)[number]) => sectionsToForm(await implicationSections(t.db, tenantId, type)) as Record<string, string>;

  before(async () => {
    t = await buildTestApp();
    admin = await signIn(t.app, 'administrator');
    clerk = await signIn(t.app, 'democratic_services');
    tenantId = (await t.db.query<{ id: string }>('select id from tenants'))[0]!.id;
  });
  after(async () => t?.close());

  it('seeds every tenant with the seed papers’ sets and shows them to the administrator only', async () => {
    for (const type of REPORT_TYPES) {
      const rows = await t.db.query<{ heading: string; defaultText: string; clearanceRequired: boolean }>(
        `select heading, default_text as "defaultText", clearance_required as "clearanceRequired" from implication_sections
         where tenant_id = $1 and report_type = $2 order by position`,
        [tenantId, type],
      );
      assert.deepEqual(
        rows,
        DEFAULT_SECTIONS[type].map((s) => ({ heading: s.heading, defaultText: s.defaultText, clearanceRequired: s.clearanceRequired })),
        `${type}: the migration seeds what the code ships`,
      );
    }
    const listHtml = await okPage(admin, '/admin/implications');
    await assertValid(listHtml, 'the list of report types');
    await assertValid(await okPage(admin, '/admin/implications/committee_report'), 'the settings form');
    const list = textOf(listHtml);
    assert.match(list, /Committee reports/);
    assert.match(list, /Public Health Implications \(cleared by Public Health\)/);
    assert.match(list, /Quarterly update to Cabinet/);
    assert.match(list, /Community Safety/);
    assert.match(textOf(await okPage(admin, '/admin/implications/quarterly_update')), /Resources and performance information/);
    assert.equal((await clerk.get('/admin/implications')).statusCode, 403);
    assert.equal((await clerk.post('/admin/implications/quarterly_update', await form('quarterly_update'))).statusCode, 403);
    assert.equal((await admin.get('/admin/implications/minutes')).statusCode, 404);
    assert.equal((await admin.post('/admin/implications/minutes', {})).statusCode, 404);
  });

  it('refuses bad input with clear messages and changes nothing', async () => {
    const before = await implicationSections(t.db, tenantId, 'quarterly_update');
    const audited = async () => (await t.db.query<{ n: string }>(`select count(*)::text as n from audit_log where entity_type = 'implication_sections'`))[0]!.n;
    const auditBefore = await audited();
    const bad = { ...(await form('quarterly_update')), 'heading-2': '', 'order-1': 'soon', 'required-4': 'yes', 'heading-5': 'Risk' };
    const res = await admin.post('/admin/implications/quarterly_update', bad);
    assert.equal(res.statusCode, 400);
    const summary = errorSummaryOf(res.body);
    for (const message of [
      'Enter the order of Statutory duties requirements and partnership working as a whole number, like 3',
      'Enter the heading of section 3',
      'Enter the clearance question of Engagement and consultation, or say that it does not need an officer’s clearance',
    ])
      assert.ok(summary.includes(message), `${message} in ${summary}`);
    assert.match(res.body, /value="Risk"/, 'what was typed is shown again');
    await assertValid(res.body, 'the form with its errors');
    const removeAll = Object.fromEntries(before.map((_, i) => [`remove-${i}`, 'yes']));
    const none = await admin.post('/admin/implications/quarterly_update', { ...(await form('quarterly_update')), ...removeAll });
    assert.equal(none.statusCode, 400);
    assert.match(textOf(none.body), /Keep at least one section/);
    const stale = await admin.post('/admin/implications/quarterly_update', { ...(await form('quarterly_update')), version: 'deadbeef' });
    assert.equal(stale.statusCode, 409);
    assert.match(textOf(stale.body), /Someone else changed these sections/);
    assert.deepEqual(await implicationSections(t.db, tenantId, 'quarterly_update'), before);
    assert.equal(await audited(), auditBefore);
  });

  it('prints a renamed heading and a new section in the generated quarterly update, audited', async () => {
    const changed = {
      ...(await form('quarterly_update')),
      'heading-2': 'Climate change and biodiversity',
      'order-2': '1',
      'heading-5': 'Health and wellbeing',
      'defaultText-5': 'There are no health and wellbeing implications arising from this report.',
    };
    redirectedTo(await admin.post('/admin/implications/quarterly_update', changed), /\/admin\/implications\/quarterly_update\?done=saved$/);
    const saved = await implicationSections(t.db, tenantId, 'quarterly_update');
    assert.deepEqual(
      saved.map((s) => s.heading),
      [
        'Resources and performance information',
        'Climate change and biodiversity',
        'Statutory duties requirements and partnership working',
        'Access and inclusion',
        'Engagement and consultation',
        'Health and wellbeing',
      ],
    );
    const audit = await t.db.query<{ action: string; actor: string }>(
      `select action, actor from audit_log where entity_type = 'implication_sections' and actor <> 'system' order by id`,
    );
    // The climate section renamed and moved, the statutory section moved, one added; the unchanged ones are not touched.
    assert.deepEqual(audit.map((a) => a.action).sort(), ['insert', 'update', 'update']);
    const report = textOf(await okPage(clerk, '/quarterly-updates/report?quarter=2009-04-01&date=2009-07-07'));
    assert.match(report, /2\. Climate change and biodiversity There are no climate change implications arising from this report\./);
    assert.match(report, /6\. Health and wellbeing There are no health and wellbeing implications arising from this report\./);
    assert.doesNotMatch(report, /\d\. Climate change There/);
  });

  it('a new section needing clearance blocks publication of a committee report until an officer clears it', async () => {
    const committee = await form('committee_report');
    const added = {
      ...committee,
      'heading-7': 'Data Protection Implications',
      'required-7': 'yes',
      'question-7': 'Have the data protection implications been cleared by the Data Protection Officer?',
      'clearedBy-7': 'Data Protection Officer',
    };
    redirectedTo(await admin.post('/admin/implications/committee_report', added), /done=saved/);

    const [item] = await t.db.query<{ id: string; meetingId: string }>(
      `select ai.id, ai.meeting_id as "meetingId" from agenda_items ai
       where ai.deleted_at is null and not exists (select 1 from reports r where r.agenda_item_id = ai.id and r.deleted_at is null)
       order by ai.created limit 1`,
    );
    assert.ok(item, 'a demo agenda item without a report');
    const at = `/meetings/${item.meetingId}/items/${item.id}/report`;
    const edit = await okPage(clerk, `${at}/edit`);
    assert.match(edit, /Have the data protection implications been cleared by the Data Protection Officer\?/);
    const fields: Record<string, string> = { title: 'Community Resilience Strategy', keyDecision: 'no', alignment0: '', alignment1: '', alignment2: '' };
    for (const key of ['resource', 'procurement', 'legal', 'equality', 'engagement', 'localism', 'publicHealth']) {
      fields[`clearance-${key}`] = 'cleared';
      fields[`clearanceOfficer-${key}`] = 'Tom Kelly';
    }
    redirectedTo(await clerk.post(`${at}/edit`, fields), /done=report/);
    const version = async () => String((await t.db.query<{ version: number }>('select version from reports where agenda_item_id = $1', [item.id]))[0]!.version);
    const refused = await clerk.post(`${at}/publish`, { version: await version() });
    const refusal = textOf((await clerk.get(String(refused.headers.location))).body);
    assert.match(refusal, /Data Protection implications have not been cleared/);
    assert.doesNotMatch(refusal, /Resource implications have not been cleared/);
    assert.equal((await t.db.query<{ status: string }>('select status from reports where agenda_item_id = $1', [item.id]))[0]!.status, 'draft');

    const cleared = {
      ...fields,
      version: await version(),
      'clearance-dataProtectionImplications': 'cleared',
      'clearanceOfficer-dataProtectionImplications': 'Ann Smith',
    };
    redirectedTo(await clerk.post(`${at}/edit`, cleared), /done=report/);
    redirectedTo(await clerk.post(`${at}/publish`, { version: await version() }), /done=published/);
    const published = textOf(await okPage(clerk, at));
    assert.match(published, /Data Protection Implications/);
    assert.match(published, /Yes\. Name of officer: Ann Smith/);

    // Removed from the configuration: the published report keeps the sections it was published with.
    const now = await form('committee_report');
    redirectedTo(await admin.post('/admin/implications/committee_report', { ...now, 'remove-7': 'yes' }), /done=saved/);
    assert.equal((await implicationSections(t.db, tenantId, 'committee_report')).length, 7);
    assert.match(
      textOf(await okPage(clerk, at)),
      /Have the data protection implications been cleared by the Data Protection Officer\? Yes\. Name of officer: Ann Smith/,
    );
    const pdf = await clerk.get(`${at.replace(/\/report$/, '/report.pdf')}`);
    assert.equal(pdf.statusCode, 200);
    // Its clearance is kept in the report's document.
    const [doc] = await t.db.query<{ officer: string }>(
      `select document->'clearances'->'dataProtectionImplications'->>'officer' as officer from reports where agenda_item_id = $1`,
      [item.id],
    );
    assert.equal(doc!.officer, 'Ann Smith');
  });
});
