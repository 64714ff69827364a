import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../../src/access/permissions.ts';
import {
  counted,
  deadlinesBetween,
  minutesLookbackStart,
  needsMinutes,
  nextMeetingOfEach,
  panelsFor,
  weekFrom,
  type DeadlineSource,
} from '../../src/start/rules.ts';
import { shorten } from '../../src/start/panels.ts';

// Seed 004's forward agenda plan: the 31 May 2018 committee had its draft reports due on 17/05/18 and
// its agenda despatched on 22/05/18; the 5 July 2018 meeting on 22/06/18 and 27/06/18.
const may: DeadlineSource = {
  meetingId: 'may',
  meetingDate: '2018-05-31',
  bodyName: 'Communities and Partnership Committee',
  cancelled: false,
  dates: { draftReportsDue: '2018-05-17', agendaDespatch: '2018-05-22', publicSpeakingDeadline: { date: '2018-05-25' } },
};
const july: DeadlineSource = {
  ...may,
  meetingId: 'july',
  meetingDate: '2018-07-05',
  dates: { draftReportsDue: '2018-06-22', agendaDespatch: '2018-06-27', publicSpeakingDeadline: { date: '2018-07-02' } },
};

describe('start page rules', () => {
  it('gives each role its own panels, and someone with two roles both sets once each', () => {
    assert.deepEqual(panelsFor(['democratic_services']), ['upcomingMeetings', 'deadlinesThisWeek', 'papersNotCleared', 'minutesToWrite', 'actionsOverdue']);
    assert.deepEqual(panelsFor(['performance_officer']), ['valuesDue', 'exceptionReports', 'planActionsOverdue']);
    assert.deepEqual(panelsFor(['finance_officer']), ['financeReturn']);
    assert.deepEqual(panelsFor(['councillor']), ['committees', 'papersToRead', 'yourActions']);
    assert.deepEqual(panelsFor(['partner_editor']), ['partnerships']);
    assert.deepEqual(panelsFor(['partnership_officer', 'performance_officer']), ['valuesDue', 'exceptionReports', 'planActionsOverdue']);
    for (const role of ROLES) assert.ok(panelsFor([role]).length > 0, `${role} has a panel`);
    assert.deepEqual(panelsFor([]), []);
  });

  it('takes "this week" as today and the six days after it', () => {
    assert.deepEqual(weekFrom('2018-05-14'), { from: '2018-05-14', to: '2018-05-20' });
    assert.deepEqual(weekFrom('2018-12-28'), { from: '2018-12-28', to: '2019-01-03' });
  });

  it("lists the deadlines of seed 004's plan that fall in a week, soonest first", () => {
    // The week of Monday 14 May 2018: the 31 May meeting's draft reports (17 May), not its despatch (22 May).
    assert.deepEqual(
      deadlinesBetween([july, may], '2018-05-14', '2018-05-20').map((d) => `${d.meetingId} ${d.label} ${d.date}`),
      ['may Draft reports due 2018-05-17'],
    );
    // Monday 21 May: despatch on the 22nd and public speaking registration closing on Friday the 25th (Monday 28 May was a bank holiday).
    assert.deepEqual(
      deadlinesBetween([july, may], '2018-05-21', '2018-05-27').map((d) => d.date),
      ['2018-05-22', '2018-05-25'],
    );
    // The ends of the window count.
    assert.equal(deadlinesBetween([may], '2018-05-17', '2018-05-17').length, 1);
    assert.deepEqual(deadlinesBetween([{ ...may, cancelled: true }], '2018-05-14', '2018-05-31'), [], 'a cancelled meeting has no deadlines');
  });

  it('asks for minutes of formal meetings that have taken place, until they are published', () => {
    const held = { kind: 'formal', status: 'held', meetingDate: '2018-04-17' };
    assert.equal(needsMinutes(held, 'none', '2018-05-01'), true);
    assert.equal(needsMinutes(held, 'draft', '2018-05-01'), true);
    assert.equal(needsMinutes(held, 'published', '2018-05-01'), false);
    assert.equal(needsMinutes(held, 'approved', '2018-05-31'), false);
    assert.equal(needsMinutes(held, 'none', '2018-04-17'), false, 'not on the day itself');
    assert.equal(needsMinutes({ ...held, status: 'scheduled' }, 'none', '2018-05-01'), true, 'a meeting not marked held has still taken place');
    assert.equal(needsMinutes({ ...held, status: 'cancelled' }, 'none', '2018-05-01'), false);
    assert.equal(needsMinutes({ ...held, kind: 'workshop' }, 'none', '2018-05-01'), false, 'a workshop has no minutes');
    assert.equal(minutesLookbackStart('2018-07-17'), '2018-04-17');
  });

  it("finds each body's next meeting that is not cancelled", () => {
    const meetings = [
      { id: 'a', bodyId: 'cpc', meetingDate: '2018-05-31', status: 'cancelled' },
      { id: 'b', bodyId: 'cpc', meetingDate: '2018-07-05', status: 'scheduled' },
      { id: 'c', bodyId: 'cpc', meetingDate: '2018-09-27', status: 'scheduled' },
      { id: 'd', bodyId: 'hwb', meetingDate: '2018-04-17', status: 'held' },
      { id: 'e', bodyId: 'hwb', meetingDate: '2018-06-01', status: 'scheduled' },
    ];
    assert.deepEqual(
      nextMeetingOfEach(meetings, '2018-05-20').map((m) => m.id),
      ['b', 'e'],
    );
    assert.deepEqual(nextMeetingOfEach(meetings, '2019-01-01'), []);
  });

  it('counts in words and shortens long lines at a word', () => {
    assert.equal(counted(1, 'meeting'), '1 meeting');
    assert.equal(counted(0, 'meeting'), '0 meetings');
    assert.equal(counted(2, 'committee or board', 'committees and boards'), '2 committees and boards');
    assert.equal(shorten('Send the figures'), 'Send the figures');
    const long = 'Obtain what available data there was to be sent on for Councillor Costello about adults with learning difficulties obtaining employment';
    const short = shorten(long, 60);
    assert.ok(short.length <= 61 && short.endsWith('…'), short);
    assert.ok(long.startsWith(short.slice(0, -1)), 'cut at a word, not mid-word');
    assert.equal(shorten('  two\n lines  '), 'two lines');
  });
});
