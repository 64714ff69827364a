// Recording a meeting through the HTTP layer: minute numbers that continue across a committee's
// meetings and are never reused, approved minutes locked (by the service and by the database)
// with amendments beside them, votes checked against the members present, the quorum warning, the
// action log with its once-only reminders, the minutes documents, and who may do what.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInEngland } from '../../src/calendar/today.ts';
import { sendActionReminders } from '../../src/minutes/actions.service.ts';
import { anonymousAgent, buildTestApp, countRows, signIn, type Agent, type TestApp } from '../helper.ts';
import { pdfPageTexts } from '../pdf-text.ts';

const idFrom = (location: unknown, prefix: string) => new RegExp(`${prefix}/([0-9a-f-]{36})`).exec(String(location))?.[1] ?? '';

const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const dateFields = (prefix: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year! };
};

interface Minute {
  id: string;
  number: number;
  title: string;
  discussion: string;
  withdrawn: boolean;
  version: number;
  agendaItemId: string | null;
}

describe('minutes', () => {
  let t: TestApp;
  let clerk: Agent;
  let councillor: Agent;
  let bodyId = '';
  /** 31 May 2018 (demo), 5 July 2018 (demo) and a cancelled meeting between them. */
  let may = '';
  let july = '';
  let cancelled = '';
  const today = todayInEngland();

  const q = <T = any>(sql: string, params: unknown[] = []) => t.db.query<T>(sql, params);
  const counter = async () => (await q<{ n: number }>(`select last_minute_number as n from bodies where id = $1`, [bodyId]))[0]!.n;
  const minutesOf = (meetingId: string) =>
    q<Minute>(
      `select id, number, title, discussion, withdrawn, version, agenda_item_id as "agendaItemId" from minutes where meeting_id = $1 and deleted_at is null order by number`,
      [meetingId],
    );
  const meetingVersion = async (id: string) => String((await q<{ version: number }>(`select version from meetings where id = $1`, [id]))[0]!.version);
  const person = async (name: string) => (await q<{ id: string }>(`select id from people where name = $1 and tenant_id = $2`, [name, t.tenantId]))[0]!.id;
  const formalMeeting = async (date: string) =>
    (await q<{ id: string }>(`select id from meetings where body_id = $1 and meeting_date = $2 and kind = 'formal' and deleted_at is null`, [bodyId, date]))[0]!
      .id;

  before(async () => {
    t = await buildTestApp();
    clerk = await signIn(t.app, 'democratic_services');
    councillor = await signIn(t.app, 'councillor');
    bodyId = (await q<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
    may = await formalMeeting('2018-05-31');
    july = await formalMeeting('2018-07-05');
  });
  after(async () => t?.close());

  describe('minute numbers across meetings', () => {
    it("starts from the demo: the 17 April 2018 minutes are 50 to 58 and the committee's last number is 58", async () => {
      const april = await formalMeeting('2018-04-17');
      assert.deepEqual(
        (await minutesOf(april)).map((m) => m.number),
        [50, 51, 52, 53, 54, 55, 56, 57, 58],
      );
      assert.equal(await counter(), 58);
      const page = await clerk.get(`/meetings/${april}/minutes`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /id="minute-50-heading">50\. /);
      assert.match(page.body, /id="minute-58-heading">58\. /);
    });

    it('numbers the 31 May 2018 minutes from 59, skipping an item withdrawn beforehand, with no gaps', async () => {
      const items = await q<{ id: string; position: number; title: string }>(
        `select id, position, title from agenda_items where meeting_id = $1 and deleted_at is null order by position`,
        [may],
      );
      assert.equal(items.length, 12);
      const petitions = items.find((i) => i.title === 'Petitions and Public Questions')!;
      assert.equal((await clerk.post(`/meetings/${may}/items/${petitions.id}/withdraw`)).statusCode, 303);
      const page = await clerk.get(`/meetings/${may}/minutes`);
      assert.match(page.body, /Petitions and Public Questions <strong class="govuk-tag govuk-tag--grey">\s*Withdrawn/);

      const started = await clerk.post(`/meetings/${may}/minutes/start`);
      assert.equal(started.statusCode, 303);
      assert.match(String(started.headers.location), /done=started/);
      const minutes = await minutesOf(may);
      assert.deepEqual(
        minutes.map((m) => m.number),
        [59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69],
      );
      assert.deepEqual(
        minutes.map((m) => m.agendaItemId),
        items.filter((i) => i.id !== petitions.id).map((i) => i.id),
        'in agenda order',
      );
      assert.ok(!minutes.some((m) => m.title === 'Petitions and Public Questions'));
      assert.equal(await counter(), 69);
      const shown = await clerk.get(`/meetings/${may}/minutes`);
      assert.match(shown.body, /59\. NOTIFICATION OF APPOINTMENTS OF CHAIRMAN/);
      assert.match(shown.body, /62\. COMMUNITY RESILIENCE STRATEGY PRINCIPLES/);
      assert.doesNotMatch(shown.body, /PETITIONS AND PUBLIC QUESTIONS/);
      // Starting twice is refused and uses no numbers.
      const again = await clerk.post(`/meetings/${may}/minutes/start`);
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already been started/);
      assert.equal(await counter(), 69);
    });

    it('refuses to start minutes for a cancelled meeting, which uses no numbers', async () => {
      const created = await clerk.post(`/bodies/${bodyId}/meetings`, {
        ...dateFields('meetingDate', '2018-06-14'),
        kind: 'formal',
        isPublic: 'true',
        status: 'cancelled',
        venue: 'Shire Hall',
      });
      assert.equal(created.statusCode, 303, created.body.slice(0, 2000));
      cancelled = idFrom(created.headers.location, '/meetings');
      await clerk.post(`/meetings/${cancelled}/items`, { title: 'Business that never happened', purpose: 'decision' });
      const refused = await clerk.post(`/meetings/${cancelled}/minutes/start`);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /This meeting was cancelled: it has no minutes/);
      assert.equal((await minutesOf(cancelled)).length, 0);
      assert.equal(await counter(), 69);
      assert.equal((await q<{ s: string }>(`select minutes_state as s from meetings where id = $1`, [cancelled]))[0]!.s, 'none');
      assert.equal((await clerk.get(`/meetings/${cancelled}/minutes.pdf`)).statusCode, 404);
    });

    it('continues at the next meeting from the last number', async () => {
      const items = await q(`select id from agenda_items where meeting_id = $1 and deleted_at is null`, [july]);
      assert.equal((await clerk.post(`/meetings/${july}/minutes/start`)).statusCode, 303);
      const minutes = await minutesOf(july);
      assert.equal(minutes.length, items.length);
      assert.deepEqual(
        minutes.map((m) => m.number),
        Array.from({ length: items.length }, (_, i) => 70 + i),
      );
      assert.equal(await counter(), 69 + items.length);
    });

    it('keeps the number of an item withdrawn after numbering, marked withdrawn, and never reuses it', async () => {
      const before = await minutesOf(july);
      const second = before[1]!;
      assert.equal(second.number, 71);
      assert.equal((await clerk.post(`/meetings/${july}/items/${second.agendaItemId}/withdraw`)).statusCode, 303);
      const after = await minutesOf(july);
      assert.deepEqual(
        after.map((m) => m.number),
        before.map((m) => m.number),
      );
      assert.equal(after[1]!.withdrawn, true);
      assert.equal(after.filter((m) => m.withdrawn).length, 1);
      const page = await clerk.get(`/meetings/${july}/minutes`);
      assert.match(page.body, /71\. REVIEW OF TACKLING POVERTY STRATEGY[^<]*<strong class="govuk-tag govuk-tag--grey">\s*Withdrawn/);
      // A withdrawn item has no resolutions.
      const res = await clerk.post(`/meetings/${july}/minutes/${second.id}/resolutions`, { text: 'To note', outcome: 'noted' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /This item was withdrawn: it has no resolutions/);
      // Urgent business gets the next number, not the withdrawn item's.
      const last = await counter();
      const urgent = await clerk.post(`/meetings/${july}/minutes`, { title: 'Urgent business: flood recovery grants' });
      assert.equal(urgent.statusCode, 303);
      const withUrgent = await minutesOf(july);
      const added = withUrgent.find((m) => m.title === 'Urgent business: flood recovery grants')!;
      assert.equal(added.number, last + 1);
      assert.equal(added.agendaItemId, null);
      assert.equal(await counter(), last + 1);
      assert.equal(withUrgent.filter((m) => m.number === 71).length, 1);
      const empty = await clerk.post(`/meetings/${july}/minutes`, { title: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter the heading of the minute/);
      assert.equal(await counter(), last + 1);
    });
  });

  describe('approved minutes are locked', () => {
    let first: Minute;
    let resolutionId = '';

    /** Publishing lists the 11 unwritten minutes and refuses until each is confirmed as having no discussion. */
    const publishConfirmingUnwritten = async () => {
      const all = await minutesOf(may);
      const written = new Set((await q<{ id: string }>(`select distinct minute_id as id from resolutions where deleted_at is null`)).map((r) => r.id));
      const unwritten = all.filter((m) => !m.withdrawn && !m.discussion && !written.has(m.id));
      assert.ok(unwritten.length >= 3 && !unwritten.some((m) => m.id === first.id));
      const workspace = await clerk.get(`/meetings/${may}/minutes`);
      assert.match(workspace.body, new RegExp(`${unwritten.length} of ${all.length} minutes are not written`));
      for (const m of unwritten) assert.match(workspace.body, new RegExp(`id="noDiscussion-${m.id}" name="noDiscussion"`));
      assert.doesNotMatch(workspace.body, new RegExp(`id="noDiscussion-${first.id}"`));

      const refused = await clerk.post(`/meetings/${may}/minutes/publish`, { version: await meetingVersion(may) });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /govuk-error-summary/);
      // The summary counts them once, linking to the list; each message stands beside its minute.
      const summary = /govuk-error-summary__list[\s\S]*?<\/ul>/.exec(refused.body)![0];
      assert.match(summary, new RegExp(`href="#unwritten">${unwritten.length} minutes are not written`));
      assert.doesNotMatch(summary, /Minute \d+, /);
      for (const m of unwritten) {
        assert.match(refused.body, new RegExp(`Minute ${m.number}, [^<]+, is not written`));
      }
      // Ticking some is not enough: the rest are still listed, and the ticks are kept.
      const some = await clerk.post(`/meetings/${may}/minutes/publish`, {
        version: await meetingVersion(may),
        noDiscussion: [unwritten[0]!.id, unwritten[1]!.id],
      });
      assert.equal(some.statusCode, 400);
      assert.doesNotMatch(some.body, new RegExp(`Minute ${unwritten[0]!.number}, [^<]*, is not written`));
      assert.match(some.body, new RegExp(`Minute ${unwritten[2]!.number}, [^<]*, is not written`));
      assert.match(some.body, new RegExp(`id="noDiscussion-${unwritten[0]!.id}" name="noDiscussion" type="checkbox" value="${unwritten[0]!.id}" checked`));
      const state = await q<{ minutes_state: string }>(`select minutes_state from meetings where id = $1`, [may]);
      assert.equal(state[0]!.minutes_state, 'draft');
      assert.equal((await q(`select 1 from minutes where meeting_id = $1 and no_discussion`, [may])).length, 0);

      const published = await clerk.post(`/meetings/${may}/minutes/publish`, {
        version: await meetingVersion(may),
        noDiscussion: unwritten.map((m) => m.id),
      });
      assert.equal(published.statusCode, 303, published.body.slice(0, 2000));
      assert.equal((await q(`select 1 from minutes where meeting_id = $1 and no_discussion`, [may])).length, unwritten.length);
      const shown = await anonymousAgent(t.app).get(`/calendar/${may}/minutes`);
      assert.equal(shown.statusCode, 200);
      assert.equal(shown.body.match(/No discussion recorded\./g)?.length, unwritten.length);
      assert.match(shown.body, /Members noted the appointments\./);
      const printed = await anonymousAgent(t.app).get(`/calendar/${may}/minutes.pdf`);
      assert.equal(printed.statusCode, 200);
      const pdfText = (await pdfPageTexts(new Uint8Array(printed.rawPayload))).join(' ').replace(/\s+/g, ' ');
      assert.equal(pdfText.match(/No discussion recorded\./g)?.length, unwritten.length);
    };

    it('publishes the draft and records approval at a later meeting', async () => {
      first = (await minutesOf(may))[0]!;
      const added = await clerk.post(`/meetings/${may}/minutes/${first.id}/resolutions`, { text: 'To note the appointments', outcome: 'noted' });
      assert.equal(added.statusCode, 303, added.body.slice(0, 2000));
      resolutionId = (await q<{ id: string }>(`select id from resolutions where minute_id = $1 and deleted_at is null`, [first.id]))[0]!.id;
      const edited = await clerk.post(`/meetings/${may}/minutes/${first.id}`, {
        version: String(first.version),
        title: first.title,
        discussion: 'Members noted the appointments.',
      });
      assert.equal(edited.statusCode, 303);
      first = (await minutesOf(may))[0]!;
      assert.equal(first.discussion, 'Members noted the appointments.');

      await publishConfirmingUnwritten();
      const earlier = await formalMeeting('2018-04-17');
      const wrong = await clerk.post(`/meetings/${may}/minutes/approve`, { version: await meetingVersion(may), approvedAtMeetingId: earlier });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Select a later meeting of the same committee/);
      const approved = await clerk.post(`/meetings/${may}/minutes/approve`, { version: await meetingVersion(may), approvedAtMeetingId: july });
      assert.equal(approved.statusCode, 303);
      const state = (await q(`select minutes_state, minutes_approved_at_meeting_id, minutes_approved_on from meetings where id = $1`, [may]))[0]!;
      assert.equal(state.minutes_state, 'approved');
      assert.equal(state.minutes_approved_at_meeting_id, july);
      assert.equal(String(state.minutes_approved_on), '2018-07-05');
      const page = await clerk.get(`/meetings/${may}/minutes`);
      assert.match(page.body, /Agreed as a correct record at the meeting of Thursday 5 July 2018 and signed by the Chairman/);
    });

    it('refuses to edit an approved minute, leaving it unchanged', async () => {
      const view = await clerk.get(`/meetings/${may}/minutes/${first.id}`);
      assert.equal(view.statusCode, 200);
      assert.match(view.body, /These minutes were approved and signed: they cannot be changed/);
      assert.match(view.body, /Members noted the appointments\./);
      assert.doesNotMatch(view.body, /name="title"/);
      const refused = await clerk.post(`/meetings/${may}/minutes/${first.id}`, {
        version: String(first.version),
        title: 'Rewritten history',
        discussion: 'Changed',
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /approved and signed: record an amendment instead/);
      const now = (await minutesOf(may))[0]!;
      assert.deepEqual(now, first);
    });

    it('refuses to add or remove a resolution of approved minutes', async () => {
      const before = await countRows(t.db, 'resolutions');
      const add = await clerk.post(`/meetings/${may}/minutes/${first.id}/resolutions`, { text: 'To add something afterwards', outcome: 'unanimous' });
      assert.equal(add.statusCode, 400);
      assert.match(add.body, /approved and signed: record an amendment instead/);
      const remove = await clerk.post(`/meetings/${may}/minutes/${first.id}/resolutions/${resolutionId}/delete`);
      assert.equal(remove.statusCode, 400);
      assert.match(remove.body, /approved and signed: record an amendment instead/);
      assert.equal(await countRows(t.db, 'resolutions'), before);
      assert.equal((await q(`select deleted_at from resolutions where id = $1`, [resolutionId]))[0]!.deleted_at, null);
      // Attendance and declarations are part of the signed record too.
      const attendance = await clerk.post(`/meetings/${may}/attendance`, { personId: await person('Lis Every'), category: 'present' });
      assert.equal(attendance.statusCode, 400);
      assert.match(attendance.body, /approved and signed/);
    });

    it('is refused by the database itself', async () => {
      await assert.rejects(q(`update minutes set title = 'Changed behind the application' where id = $1`, [first.id]), /approved and signed/);
      await assert.rejects(q(`delete from minutes where id = $1`, [first.id]), /approved and signed/);
      await assert.rejects(q(`update resolutions set text = 'Changed' where id = $1`, [resolutionId]), /approved and signed/);
      await assert.rejects(
        q(`insert into resolutions (tenant_id, minute_id, position, text, outcome) values ($1, $2, 9, 'Sneaked in', 'noted')`, [t.tenantId, first.id]),
        /approved and signed/,
      );
      assert.equal((await minutesOf(may))[0]!.title, first.title);
    });

    it('records an amendment beside the approved minute and shows it', async () => {
      const bad = await clerk.post(`/meetings/${may}/minutes/${first.id}/amendments`, { amendment: '', ...dateFields('agreedOn', '2018-07-05') });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the amendment/);
      const ok = await clerk.post(`/meetings/${may}/minutes/${first.id}/amendments`, {
        amendment: 'Councillor Richards was appointed from 15 May 2018, not 16 May.',
        ...dateFields('agreedOn', '2018-07-05'),
      });
      assert.equal(ok.statusCode, 303);
      const page = await clerk.get(`/meetings/${may}/minutes`);
      assert.match(page.body, /Amendment agreed Thursday 5 July 2018:<\/strong> Councillor Richards was appointed from 15 May 2018, not 16 May\./);
      // An amendment is only for approved minutes: draft ones are changed directly.
      const draftMinute = (await minutesOf(july))[0]!;
      const draft = await clerk.post(`/meetings/${july}/minutes/${draftMinute.id}/amendments`, {
        amendment: 'Too early',
        ...dateFields('agreedOn', '2018-07-05'),
      });
      assert.equal(draft.statusCode, 400);
      assert.match(draft.body, /not approved yet/);
    });
  });

  describe('votes', () => {
    it('refuses more votes than voting members present, next to the field, and stores nothing', async () => {
      for (const name of ['Steve Criswell', 'Kevin Cuffley', 'Adela Costello', 'Lorna Dupre', 'Lis Every']) {
        assert.equal((await clerk.post(`/meetings/${july}/attendance`, { personId: await person(name), category: 'present' })).statusCode, 303);
      }
      const sub = await clerk.post(`/meetings/${july}/attendance`, {
        personId: await person('Claire Richards'),
        category: 'substitute',
        substituteForPersonId: await person('Ian Manning'),
      });
      assert.equal(sub.statusCode, 303);
      assert.equal(
        (await clerk.post(`/meetings/${july}/attendance`, { name: 'Sarah Ferguson', category: 'officer', note: 'Assistant Director' })).statusCode,
        303,
      );
      const missing = await clerk.post(`/meetings/${july}/attendance`, { personId: await person('Lina Joseph'), category: 'substitute' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Select the member they substituted for/);

      const minute = (await minutesOf(july))[0]!;
      const before = await countRows(t.db, 'resolutions');
      const refused = await clerk.post(`/meetings/${july}/minutes/${minute.id}/resolutions`, {
        text: 'To approve the strategy',
        outcome: 'majority',
        votesFor: '6',
        votesAgainst: '1',
        abstentions: '',
      });
      assert.equal(refused.statusCode, 400);
      assert.match(
        refused.body,
        /id="votesFor-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span> The votes recorded \(7\) are more than the 6 voting members present/,
      );
      assert.match(refused.body, /href="#votesFor"/);
      assert.match(refused.body, /value="To approve the strategy"|>To approve the strategy</);
      assert.equal(await countRows(t.db, 'resolutions'), before);

      const accepted = await clerk.post(`/meetings/${july}/minutes/${minute.id}/resolutions`, {
        text: 'To approve the strategy',
        outcome: 'majority',
        votesFor: '4',
        votesAgainst: '1',
        abstentions: '1',
      });
      assert.equal(accepted.statusCode, 303);
      const stored = await q(`select outcome, votes_for, votes_against, abstentions from resolutions where minute_id = $1 and deleted_at is null`, [minute.id]);
      assert.deepEqual(stored, [{ outcome: 'majority', votes_for: 4, votes_against: 1, abstentions: 1 }]);
      const page = await clerk.get(`/meetings/${july}/minutes`);
      assert.match(page.body, /To approve the strategy <span class="govuk-hint[^"]*">\(by a majority \(4 votes in favour, 1 against, 1 abstention\)\)/);
      assert.match(page.body, /6 voting members present/);
    });

    it('refuses a majority without more votes in favour, and an empty resolution', async () => {
      const minute = (await minutesOf(july))[2]!;
      const tie = await clerk.post(`/meetings/${july}/minutes/${minute.id}/resolutions`, {
        text: 'To agree',
        outcome: 'majority',
        votesFor: '3',
        votesAgainst: '3',
      });
      assert.equal(tie.statusCode, 400);
      assert.match(tie.body, /more votes in favour than against/);
      const empty = await clerk.post(`/meetings/${july}/minutes/${minute.id}/resolutions`, { text: '   ', outcome: 'unanimous' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter the resolution/);
      const words = await clerk.post(`/meetings/${july}/minutes/${minute.id}/resolutions`, { text: 'To agree', outcome: 'majority', votesFor: 'six' });
      assert.equal(words.statusCode, 400);
      assert.match(words.body, /Votes in favour must be a whole number/);
      assert.equal((await q(`select 1 from resolutions where minute_id = $1`, [minute.id])).length, 0);
    });
  });

  describe('quorum', () => {
    it('warns on the minutes page when fewer voting members are present than the quorum', async () => {
      const body = await clerk.post('/bodies', { name: 'Quorum Test Board', kind: 'board', draftReportClearDays: '8', despatchClearDays: '5', quorum: '3' });
      assert.equal(body.statusCode, 303, body.body.slice(0, 2000));
      const newBody = idFrom(body.headers.location, '/bodies');
      const meeting = await clerk.post(`/bodies/${newBody}/meetings`, {
        ...dateFields('meetingDate', '2030-03-14'),
        kind: 'formal',
        isPublic: 'true',
        venue: 'Room 1',
      });
      assert.equal(meeting.statusCode, 303, meeting.body.slice(0, 2000));
      const meetingId = idFrom(meeting.headers.location, '/meetings');
      for (const name of ['Steve Criswell', 'Kevin Cuffley']) {
        assert.equal((await clerk.post(`/meetings/${meetingId}/attendance`, { personId: await person(name), category: 'present' })).statusCode, 303);
      }
      await clerk.post(`/meetings/${meetingId}/attendance`, { name: 'An Officer', category: 'officer' });
      await clerk.post(`/meetings/${meetingId}/attendance`, { personId: await person('Lis Every'), category: 'apologies' });
      const page = await clerk.get(`/meetings/${meetingId}/minutes`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /The meeting is not quorate: 2 voting members are recorded as present and the quorum is 3/);
      assert.equal((await clerk.post(`/meetings/${meetingId}/attendance`, { personId: await person('Adela Costello'), category: 'present' })).statusCode, 303);
      const quorate = await clerk.get(`/meetings/${meetingId}/minutes`);
      assert.doesNotMatch(quorate.body, /not quorate/);
      assert.match(quorate.body, /3 voting members present/);
    });
  });

  describe('actions and reminders', () => {
    let overdueId = '';
    let soonId = '';
    const overdueText = 'Circulate the overdue Tackling Poverty figures to members';
    const soonText = 'Send the draft Community Resilience principles to district councils';
    const outboxFor = (text: string) =>
      q<{ to_address: string; subject: string; body_text: string }>(
        `select to_address, subject, body_text from outbox where body_text like $1 order by created`,
        [`%${text}%`],
      );
    const rowOf = (html: string, text: string) => {
      const at = html.indexOf(text);
      assert.ok(at >= 0, `the action log lists "${text}"`);
      return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
    };

    it('shows an action past its due date as OVERDUE', async () => {
      const minute = (await minutesOf(july))[0]!;
      const owner = await person('Martin Curtis');
      const res = await clerk.post(`/meetings/${july}/minutes/${minute.id}/actions`, {
        actionDescription: overdueText,
        ownerPersonId: owner,
        ...dateFields('dueDate', plusDays(today, -5)),
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      overdueId = (await q<{ id: string }>(`select id from actions where description = $1`, [overdueText]))[0]!.id;
      const log = await clerk.get(`/bodies/${bodyId}/actions`);
      assert.equal(log.statusCode, 200);
      assert.match(rowOf(log.body, overdueText), /OVERDUE/);
      assert.match(rowOf(log.body, overdueText), /Martin Curtis/);
      assert.match(rowOf(log.body, overdueText), />70</);
    });

    it('sends exactly one overdue reminder, however often reminders run or the log is looked at', async () => {
      const first = await sendActionReminders(t.db, t.tenantId, today);
      assert.ok(first >= 1);
      for (let i = 0; i < 3; i++) assert.equal((await clerk.get(`/bodies/${bodyId}/actions`)).statusCode, 200);
      assert.equal(await sendActionReminders(t.db, t.tenantId, today), 0);
      assert.equal((await clerk.get(`/bodies/${bodyId}/actions/${overdueId}`)).statusCode, 200);
      const mail = await outboxFor(overdueText);
      assert.equal(mail.length, 1);
      assert.equal(mail[0]!.to_address, 'martin.curtis@example.org');
      assert.match(mail[0]!.subject, /^Overdue action from Communities and Partnership Committee: due /);
      assert.match(mail[0]!.body_text, /Minute 70: /);
      assert.match(mail[0]!.body_text, new RegExp(`/bodies/${bodyId}/actions/${overdueId}`));
      assert.deepEqual(await q(`select kind from action_reminders where action_id = $1`, [overdueId]), [{ kind: 'overdue' }]);
    });

    it('sends one due-soon reminder for an action due in 3 days', async () => {
      const minute = (await minutesOf(july))[2]!;
      const res = await clerk.post(`/meetings/${july}/minutes/${minute.id}/actions`, {
        actionDescription: soonText,
        ownerPersonId: await person('Jill Tuck'),
        ...dateFields('dueDate', plusDays(today, 3)),
      });
      assert.equal(res.statusCode, 303);
      soonId = (await q<{ id: string }>(`select id from actions where description = $1`, [soonText]))[0]!.id;
      assert.match(rowOf((await clerk.get(`/bodies/${bodyId}/actions`)).body, soonText), /ONGOING/);
      await sendActionReminders(t.db, t.tenantId, today);
      await sendActionReminders(t.db, t.tenantId, today);
      const mail = await outboxFor(soonText);
      assert.equal(mail.length, 1);
      assert.equal(mail[0]!.to_address, 'jill.tuck@example.org');
      assert.match(mail[0]!.subject, /^Action from Communities and Partnership Committee due /);
      assert.deepEqual(await q(`select kind from action_reminders where action_id = $1`, [soonId]), [{ kind: 'due_soon' }]);
    });

    it('stops being overdue, and stops reminding, once completed', async () => {
      const version = (await q<{ version: number }>(`select version from actions where id = $1`, [overdueId]))[0]!.version;
      const bad = await clerk.post(`/bodies/${bodyId}/actions/${overdueId}`, {
        version: String(version),
        status: 'completed',
        comments: '',
        'dueDate-day': '31',
        'dueDate-month': '2',
        'dueDate-year': '2030',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Due date must be a real date/);
      // Completed, with a new (also past) due date: an open action would be reminded again for it.
      const done = await clerk.post(`/bodies/${bodyId}/actions/${overdueId}`, {
        version: String(version),
        status: 'completed',
        comments: 'Circulated by e-mail',
        ...dateFields('dueDate', plusDays(today, -2)),
      });
      assert.equal(done.statusCode, 303);
      const row = rowOf((await clerk.get(`/bodies/${bodyId}/actions`)).body, overdueText);
      assert.doesNotMatch(row, /OVERDUE/);
      assert.match(row, /COMPLETED/);
      assert.match(row, /Circulated by e-mail/);
      const stored = (await q(`select status, completed_on from actions where id = $1`, [overdueId]))[0]!;
      assert.equal(stored.status, 'completed');
      assert.equal(String(stored.completed_on), today);
      await sendActionReminders(t.db, t.tenantId, today);
      await sendActionReminders(t.db, t.tenantId, plusDays(today, 30));
      assert.equal((await outboxFor(overdueText)).length, 1);
      // A stale form is refused.
      const stale = await clerk.post(`/bodies/${bodyId}/actions/${overdueId}`, { version: String(version), status: 'ongoing', comments: '' });
      assert.equal(stale.statusCode, 409);
      assert.equal((await q(`select status from actions where id = $1`, [overdueId]))[0]!.status, 'completed');
    });

    it('refuses an impossible due date with a message, storing nothing', async () => {
      const minute = (await minutesOf(july))[0]!;
      const before = await countRows(t.db, 'actions');
      const res = await clerk.post(`/meetings/${july}/minutes/${minute.id}/actions`, {
        actionDescription: 'Impossible',
        ownerName: 'Someone',
        'dueDate-day': '30',
        'dueDate-month': '2',
        'dueDate-year': '2031',
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Due date must be a real date/);
      const noOwner = await clerk.post(`/meetings/${july}/minutes/${minute.id}/actions`, { actionDescription: 'Nobody', ownerPersonId: '', ownerName: '' });
      assert.equal(noOwner.statusCode, 400);
      assert.match(noOwner.body, /Select who will take the action, or type their name/);
      assert.equal(await countRows(t.db, 'actions'), before);
    });
  });

  describe('documents', () => {
    it('downloads the minutes as PDF and Word', async () => {
      const pdf = await clerk.get(`/meetings/${may}/minutes.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = (await pdfPageTexts(new Uint8Array(pdf.rawPayload))).join(' ');
      assert.match(text, /\b59\. /);
      assert.match(text, /\b69\. /);
      assert.doesNotMatch(text, /PETITIONS AND PUBLIC QUESTIONS/i);
      const docx = await clerk.get(`/meetings/${may}/minutes.docx`);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
      assert.match(String(docx.headers['content-disposition']), /communities-and-partnership-committee-2018-05-31-minutes\.docx/);
      const log = await clerk.get(`/bodies/${bodyId}/actions.pdf`);
      assert.equal(log.statusCode, 200);
      assert.equal(log.headers['content-type'], 'application/pdf');
      // Every download is sandboxed: a document opened in the browser can run nothing.
      for (const res of [pdf, docx, log]) assert.equal(res.headers['content-security-policy'], "default-src 'none'; sandbox");
    });
    it('offers the action log as Word, linked from the action log page', async () => {
      const page = await clerk.get(`/bodies/${bodyId}/actions`);
      assert.match(page.body, new RegExp(`href="/bodies/${bodyId}/actions\\.docx">Word</a>`));
      const word = await clerk.get(`/bodies/${bodyId}/actions.docx`);
      assert.equal(word.statusCode, 200);
      assert.equal(word.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.match(String(word.headers['content-disposition']), /attachment; filename="communities-and-partnership-committee-action-log\.docx"/);
      assert.equal(word.headers['content-security-policy'], "default-src 'none'; sandbox");
      assert.equal(word.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
    });
  });

  describe('permissions and bad input', () => {
    it('lets a councillor look but not change anything', async () => {
      const minute = (await minutesOf(july))[0]!;
      const resolution = (await q<{ id: string }>(`select id from resolutions where minute_id = $1`, [minute.id]))[0]!.id;
      const attendance = (await q<{ id: string }>(`select id from attendance where meeting_id = $1 limit 1`, [july]))[0]!.id;
      const item = (await q<{ id: string }>(`select id from agenda_items where meeting_id = $1 order by position desc limit 1`, [july]))[0]!.id;
      const action = (await q<{ id: string; version: number }>(`select id, version from actions where body_id = $1 limit 1`, [bodyId]))[0]!;
      assert.equal((await councillor.get(`/meetings/${july}/minutes`)).statusCode, 200);
      assert.equal((await councillor.get(`/bodies/${bodyId}/actions`)).statusCode, 200);
      const before = await Promise.all(
        ['minutes', 'resolutions', 'attendance', 'declarations', 'actions', 'minute_amendments'].map((table) => countRows(t.db, table)),
      );
      const posts: [string, Record<string, string>][] = [
        [`/meetings/${july}/attendance`, { personId: await person('Lina Joseph'), category: 'present' }],
        [`/meetings/${july}/attendance/members`, {}],
        [`/meetings/${july}/attendance/${attendance}/delete`, {}],
        [`/meetings/${july}/declarations`, { declarantId: await person('Lis Every'), kind: 'other', description: 'Trustee' }],
        [`/meetings/${july}/minutes/start`, {}],
        [`/meetings/${july}/minutes`, { title: 'Any other business' }],
        [`/meetings/${july}/items/${item}/withdraw`, {}],
        [`/meetings/${july}/minutes/publish`, { version: await meetingVersion(july) }],
        [`/meetings/${july}/minutes/approve`, { version: await meetingVersion(july), approvedAtMeetingId: await formalMeeting('2018-09-27') }],
        [`/meetings/${july}/minutes/${minute.id}`, { version: String(minute.version), title: 'Changed', discussion: '' }],
        [`/meetings/${july}/minutes/${minute.id}/resolutions`, { text: 'To agree', outcome: 'unanimous' }],
        [`/meetings/${july}/minutes/${minute.id}/resolutions/${resolution}/delete`, {}],
        [`/meetings/${july}/minutes/${minute.id}/actions`, { actionDescription: 'Do it', ownerName: 'Someone' }],
        [`/meetings/${may}/minutes/${(await minutesOf(may))[0]!.id}/amendments`, { amendment: 'No', ...dateFields('agreedOn', '2018-07-05') }],
        [`/bodies/${bodyId}/actions/${action.id}`, { version: String(action.version), status: 'completed', comments: '' }],
      ];
      for (const [url, fields] of posts) assert.equal((await councillor.post(url, fields)).statusCode, 403, url);
      const after = await Promise.all(
        ['minutes', 'resolutions', 'attendance', 'declarations', 'actions', 'minute_amendments'].map((table) => countRows(t.db, table)),
      );
      assert.deepEqual(after, before);
      assert.equal((await q(`select minutes_state from meetings where id = $1`, [july]))[0]!.minutes_state, 'draft');
    });

    it('answers 404 for ids that are not UUIDs or do not exist', async () => {
      const minute = (await minutesOf(july))[0]!;
      const nowhere = '00000000-0000-4000-8000-000000000000';
      for (const url of [
        '/meetings/not-a-uuid/minutes',
        `/meetings/${july}/minutes/not-a-uuid`,
        '/bodies/not-a-uuid/actions',
        `/bodies/${bodyId}/actions/nope`,
        `/meetings/${nowhere}/minutes`,
        `/meetings/${july}/minutes/${nowhere}`,
        `/bodies/${nowhere}/actions`,
        `/bodies/${bodyId}/actions/${nowhere}`,
        '/meetings/not-a-uuid/minutes.pdf',
        `/meetings/${may}/minutes/${minute.id}` /* a minute of another meeting */,
      ]) {
        const res = await clerk.get(url);
        assert.equal(res.statusCode, 404, url);
      }
      for (const url of [
        '/meetings/not-a-uuid/minutes/start',
        `/meetings/${july}/minutes/not-a-uuid/resolutions`,
        `/meetings/${july}/items/not-a-uuid/withdraw`,
        `/meetings/${july}/items/${nowhere}/withdraw`,
        `/meetings/${july}/minutes/${nowhere}/resolutions`,
        `/bodies/${bodyId}/actions/${nowhere}`,
      ]) {
        assert.equal((await clerk.post(url, { text: 'To agree', outcome: 'unanimous', status: 'completed', version: '1' })).statusCode, 404, url);
      }
    });
  });
});
