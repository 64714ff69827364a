// First-use fixes to the meeting forms (issue 18): a meeting on a weekend or bank holiday is warned about
// on the form, the meeting page, the forward plan and in the API; the meeting forms show every error at
// once; the agenda item's purpose starts unset; a refused report publication redirects (Post/Redirect/Get).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { meetingOperations } from '../../src/meetings/meetings.api.ts';
import { documentedBy } from '../api-support.ts';
import { apiToken, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';

const idFrom = (location: unknown) => /\/meetings\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? '';

describe('meeting forms', () => {
  let t: TestApp;
  let clerk: Agent;
  let bodyId = '';
  before(async () => {
    t = await buildTestApp();
    clerk = await signIn(t.app, 'democratic_services');
    bodyId = (await t.db.query<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
  });
  after(async () => t.close());

  const newMeeting = (day: string, month: string, year: string, extra: Record<string, string> = {}) =>
    clerk.post(`/bodies/${bodyId}/meetings`, {
      'meetingDate-day': day,
      'meetingDate-month': month,
      'meetingDate-year': year,
      kind: 'formal',
      isPublic: 'true',
      status: 'scheduled',
      ...extra,
    });

  it('warns, without refusing, about a meeting on a bank holiday or a weekend: on the form, the meeting page, the plan and the API', async () => {
    const christmas = await newMeeting('25', '12', '2026');
    assert.equal(christmas.statusCode, 303, 'a meeting on a bank holiday is saved');
    const christmasId = idFrom(christmas.headers.location);
    const page = await clerk.get(`/meetings/${christmasId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The meeting on Friday 25 December 2026 is a bank holiday, which is not a working day/);
    assert.match(page.body, /govuk-warning-text/);
    const form = await clerk.get(`/meetings/${christmasId}/edit`);
    assert.match(form.body, /govuk-warning-text[\s\S]*Friday 25 December 2026 is a bank holiday/);
    assert.doesNotMatch(form.body, /govuk-error-summary/);

    const saturday = await newMeeting('1', '1', '2028');
    assert.equal(saturday.statusCode, 303);
    const saturdayId = idFrom(saturday.headers.location);
    assert.match((await clerk.get(`/meetings/${saturdayId}`)).body, /The meeting on Saturday 1 January 2028 falls on a Saturday/);

    const plan = await clerk.get(`/bodies/${bodyId}/plan`);
    assert.equal(plan.statusCode, 200);
    assert.match(plan.body, /The meeting on Friday 25 December 2026 is a bank holiday/);
    assert.match(plan.body, /The meeting on Saturday 1 January 2028 falls on a Saturday/);

    const token = await apiToken(t, 'democratic_services');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${christmasId}`, headers: { authorization: `Bearer ${token}` } });
    const meeting = documentedBy(meetingOperations, api, 'getMeeting');
    assert.deepEqual(
      meeting.dateWarnings.map((w: { field: string; rule: string }) => `${w.field} ${w.rule}`),
      ['meetingDate not_working_day'],
    );
    assert.match(meeting.dateWarnings[0].message, /Friday 25 December 2026 is a bank holiday/);
    assert.ok(meeting.flags.some((f: { field: string }) => f.field === 'meetingDate'));

    // A working day raises no warning.
    const weekday = await newMeeting('7', '1', '2027');
    const weekdayPage = await clerk.get(`/meetings/${idFrom(weekday.headers.location)}/edit`);
    assert.doesNotMatch(weekdayPage.body, /not a working day/);
  });

  it('shows every error on the new-meeting and edit-meeting forms at once', async () => {
    const bad = await newMeeting('31', '2', '2027', { startTime: '25:99', endTime: 'soon' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Meeting date must be a real date|Meeting date must be/);
    assert.match(bad.body, /Start time must be a time like 14:00/);
    assert.match(bad.body, /End time must be a time like 14:00/);
    const ok = await newMeeting('7', '1', '2027');
    const id = idFrom(ok.headers.location);
    const version = (await t.db.query<{ version: number }>(`select version from meetings where id = $1`, [id]))[0]!.version;
    const edit = await clerk.post(`/meetings/${id}/edit`, {
      'meetingDate-day': '7',
      'meetingDate-month': '13',
      'meetingDate-year': '2027',
      startTime: 'noonish',
      kind: 'formal',
      isPublic: 'true',
      status: 'scheduled',
      version: String(version),
    });
    assert.equal(edit.statusCode, 400);
    assert.match(edit.body, /Meeting date must be/);
    assert.match(edit.body, /Start time must be a time like 14:00/);
  });

  it('leaves the purpose of a new agenda item unset', async () => {
    const ok = await newMeeting('14', '1', '2027');
    const page = await clerk.get(`/meetings/${idFrom(ok.headers.location)}`);
    assert.match(page.body, /name="purpose" type="radio" value="decision"/);
    assert.doesNotMatch(page.body, /name="purpose" type="radio" value="[a-z_]+" checked/);
    const missing = await clerk.post(`/meetings/${idFrom(ok.headers.location)}/items`, { title: 'Apologies' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select the purpose of the item/);
  });

  it('redirects after a refused report publication, carrying the errors over', async () => {
    const ok = await newMeeting('21', '1', '2027');
    const meetingId = idFrom(ok.headers.location);
    assert.equal((await clerk.post(`/meetings/${meetingId}/items`, { title: 'Library review', purpose: 'decision' })).statusCode, 303);
    const item = (await t.db.query<{ id: string }>(`select id from agenda_items where meeting_id = $1`, [meetingId]))[0]!.id;
    const saved = await clerk.post(`/meetings/${meetingId}/items/${item}/report/edit`, {
      title: 'Library review',
      keyDecision: 'no',
      alignment0: '',
      alignment1: '',
      alignment2: '',
    });
    assert.equal(saved.statusCode, 303);
    const version = (await t.db.query<{ version: number }>(`select version from reports where agenda_item_id = $1`, [item]))[0]!.version;
    const refused = await clerk.post(`/meetings/${meetingId}/items/${item}/report/publish`, { version: String(version) });
    assert.equal(refused.statusCode, 303, 'the refusal is not served at the post address');
    const location = String(refused.headers.location);
    assert.match(location, new RegExp(`^/meetings/${meetingId}/items/${item}/report\\?`));
    const shown = await clerk.get(location);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /govuk-error-summary/);
    assert.match(shown.body, /cannot be published until every implication is cleared/);
    assert.match(shown.body, /Resource implications have not been cleared/);
    assert.equal((await t.db.query<{ status: string }>(`select status from reports where agenda_item_id = $1`, [item]))[0]!.status, 'draft');
    // A change from a stale page is refused the same way.
    const stale = await clerk.post(`/meetings/${meetingId}/items/${item}/report/publish`, { version: String(version + 5), action: 'withdraw' });
    assert.equal(stale.statusCode, 303);
    assert.match((await clerk.get(String(stale.headers.location))).body, /Someone else changed this record/);
  });
});
