// The Principles of Partnership Working and the health checks, through the pages, on the demo data:
// seed 002's Appendix 1 as the principles in force; every partnership's summary for a year; one
// partnership's check, with computed criteria marked and linking their evidence, the officer's
// judgements and the Principle 1 test (every error at once, nothing saved, Post/Redirect/Get, audited);
// a councillor reads but may not change; and a computed criterion follows the data (an agenda
// published late turns 4c red).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiToken, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { financialYearOf } from '../../src/calendar/format.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { addDays, isWorkingDay } from '../../src/calendar/working-days.ts';
import { defaultHolidayCalendar } from '../../src/calendar/bank-holidays.ts';

const JUDGED = ['2d', '3b', '3c', '3d', '3e', '4f', '5b', '5c', '5e'];
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('Principles of Partnership Working and health checks', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let lepId = '';

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    const [row] = await t.db.query<{ id: string }>(`select id from partnerships where name ilike '%enterprise partnership%' and deleted_at is null limit 1`);
    lepId = row!.id;
  });
  after(async () => t?.close());

  it('shows seed 002 Appendix 1 as the principles in force, with the version and who adopted it', async () => {
    const text = textOf(await okPage(councillor, '/principles'));
    assert.match(text, /Adopted Monday 11 October 2010 by Strategy and Resources Scrutiny Committee/);
    assert.match(text, /Principle 1: When should we work in Partnership\?/);
    assert.match(text, /f\) It reduces risk \(e\.g\. to the Council's reputation\)/);
    assert.match(text, /c\) Ensuring agendas and reports can be accessed from our website at least 5 working days in advance of the meeting\./);
    assert.match(text, /e\) Ensuring City Council Members have opportunities to scrutinise the City Council's partnership work/);
    const [v] = await t.db.query<{ id: string }>('select id from principle_versions');
    assert.match(textOf(await okPage(councillor, `/principles/versions/${v!.id}`)), /Principle 5: Use of Resources/);
    assert.equal((await councillor.get('/principles/versions/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  it('lists every partnership with its summary for a year, and a check marks computed criteria and links their evidence', async () => {
    const list = await okPage(officer, '/health-checks?year=2011');
    assert.match(textOf(list), /Partnership health checks 2011\/12/);
    assert.ok(list.includes(`/health-checks/${lepId}?year=2011`));
    const page = await okPage(officer, `/health-checks/${lepId}?year=2011`);
    const text = textOf(page);
    assert.match(text, /Judged as at Saturday 31 March 2012/);
    assert.match(text, /a\) Clear Terms of Reference .*Computed/);
    assert.match(text, /d\) Effective systems to manage complaints Not assessed Officer's judgement Not yet judged\./);
    assert.match(text, /Opposition spokes are not recorded in the register/);
    assert.ok(page.includes(`href="/partnerships/${lepId}"`), 'evidence links to the partnership');
    assert.match(text, /Year on year/);
    assert.ok(!/Principle 1: When.*Green/.test(text), 'Principle 1 is a test, not a RAG');
    // An unknown partnership is a 404; a year that is not one falls back to the year running today.
    assert.equal((await officer.get('/health-checks/00000000-0000-4000-8000-000000000000?year=2011')).statusCode, 404);
    assert.equal((await officer.get(`/health-checks/${lepId}?year=twenty`)).statusCode, 200);
  });

  it('refuses judgements with every error at once and saves nothing; saves good ones, redirects and audits them', async () => {
    const bad = await officer.post(`/health-checks/${lepId}/judgements`, { year: '2011', 'rag-2d': 'green', 'rag-3b': 'purple' });
    assert.equal(bad.statusCode, 400);
    const summary = errorSummaryOf(bad.body);
    assert.match(summary, /Enter the evidence for 2d/);
    assert.match(summary, /Select a RAG for 3b/);
    assert.match(summary, /Select a RAG for 5e/);
    assert.equal((await t.db.query('select 1 from health_check_judgements')).length, 0);

    const fields: Record<string, string> = { year: '2011' };
    for (const key of JUDGED) fields[`rag-${key}`] = 'not_assessed';
    fields['rag-2d'] = 'amber';
    fields['evidence-2d'] = 'The LEP has no complaints procedure yet (seed 002, 6.10: still emerging).';
    const ok = await officer.post(`/health-checks/${lepId}/judgements`, fields);
    redirectedTo(ok, new RegExp(`/health-checks/${lepId}\\?year=2011&done=saved`));
    const text = textOf(await okPage(officer, ok.headers.location as string));
    assert.match(text, /The judgements were saved/);
    assert.match(text, /d\) Effective systems to manage complaints Amber Officer's judgement The LEP has no complaints procedure yet/);
    const audit = await t.db.query<{ actor: string }>(`select actor from audit_log where entity_type = 'health_check_judgements'`);
    assert.equal(audit.length, JUDGED.length);
    assert.ok(audit.every((a) => a.actor === 'partnership.officer@example.org'));
  });

  it('records the Principle 1 test with a reason for each criterion', async () => {
    const bad = await officer.post(`/health-checks/${lepId}/principle-1`, { year: '2011', 'met-a': 'yes' });
    assert.equal(bad.statusCode, 400);
    const summary = errorSummaryOf(bad.body);
    assert.match(summary, /Enter the reason for criterion a/);
    assert.match(summary, /Select whether criterion f is met/);
    const fields: Record<string, string> = { year: '2011' };
    for (const l of LETTERS) Object.assign(fields, { [`met-${l}`]: 'no', [`reason-${l}`]: `Not shown in the 2011 review (${l})` });
    fields['met-d'] = 'yes';
    fields['reason-d'] = 'The LEP can lever in Regional Growth Fund money (seed 002, 6.9)';
    redirectedTo(await officer.post(`/health-checks/${lepId}/principle-1`, fields), /done=tested/);
    const stored = await t.db.query<{ letter: string; met: boolean }>('select letter, met from principle_one_tests order by letter');
    assert.deepEqual(
      stored.map((s) => `${s.letter}${s.met ? '+' : '-'}`),
      ['a-', 'b-', 'c-', 'd+', 'e-', 'f-'],
    );
  });

  it('lets a councillor read the check but not change it', async () => {
    const page = await okPage(councillor, `/health-checks/${lepId}?year=2011`);
    assert.ok(!page.includes('Save judgements'));
    assert.match(textOf(page), /d\) It can help us lever in additional funding Met: The LEP can lever in/);
    assert.equal((await councillor.post(`/health-checks/${lepId}/judgements`, { year: '2011' })).statusCode, 403);
    assert.equal((await councillor.get('/health-checks/settings')).statusCode, 403);
  });

  it('checks the settings form and keeps the minutes deadline', async () => {
    const bad = await officer.post('/health-checks/settings', { councilOrganisationId: 'nonsense', minutesWorkingDays: '0' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Select the council from the list.*whole number of working days/s);
    const [council] = await t.db.query<{ id: string }>(`select id from organisations where name = 'Cambridge City Council'`);
    redirectedTo(await officer.post('/health-checks/settings', { councilOrganisationId: council!.id, minutesWorkingDays: '5' }), /done=settings/);
    const [s] = await t.db.query<{ days: number }>('select minutes_working_days as days from health_check_settings');
    assert.equal(s!.days, 5);
  });

  it('turns 4c red when an agenda of one of the partnership’s bodies is published too late', async () => {
    const token = await apiToken(t, 'democratic_services');
    const api = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return JSON.parse(res.body);
    };
    // A meeting on the third working day from today: an agenda published today leaves 2 clear working days.
    const holidays = defaultHolidayCalendar();
    let meetingDate = todayInEngland();
    for (let n = 0; n < 3; ) {
      meetingDate = addDays(meetingDate, 1);
      if (isWorkingDay(meetingDate, holidays)) n++;
    }
    const year = financialYearOf(meetingDate);
    const body = await api('POST', '/bodies', { name: 'LEP Board', kind: 'board', partnershipId: lepId, draftReportClearDays: 8, despatchClearDays: 5 });
    const meeting = await api('POST', '/meetings', { bodyId: body.id, meetingDate, kind: 'formal', isPublic: true });
    await api('POST', `/meetings/${meeting.id}/items`, { title: 'Growth prospectus', purpose: 'decision' });
    const criterion4c = async () => {
      const text = textOf(await okPage(officer, `/health-checks/${lepId}?year=${year}`));
      return /c\) Ensuring agendas and reports can be accessed .*? (Green|Amber|Red|Not assessed) Computed/.exec(text)?.[1];
    };
    assert.equal(await criterion4c(), 'Not assessed', 'a meeting still to come whose agenda is not out is not judged yet');
    const current = await api('GET', `/meetings/${meeting.id}`);
    await api('POST', `/meetings/${meeting.id}/publish-agenda`, { version: current.version });
    assert.equal(await criterion4c(), 'Red');
    const page = await okPage(officer, `/health-checks/${lepId}?year=${year}`);
    assert.ok(page.includes(`href="/meetings/${meeting.id}"`), '4c links to the meeting');
    assert.match(textOf(page), /2 clear working days before \(late\)/);
  });
});
