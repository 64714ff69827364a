import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { defaultHolidayCalendar } from '../../src/calendar/bank-holidays.ts';
import { addDays, clearWorkingDaysBetween, isWorkingDay } from '../../src/calendar/working-days.ts';
import {
  checkPlannedDates,
  deriveMeetingDates,
  KEY_DECISION_NOTICE_CLEAR_DAYS,
  meetingDateWarnings,
  PUBLIC_SPEAKING_WORKING_DAYS,
  STATUTORY_DESPATCH_CLEAR_DAYS,
  type DateFlag,
  type DeadlineRules,
} from '../../src/meetings/deadlines.ts';
import { formatLongDate } from '../../src/calendar/format.ts';

const holidays = defaultHolidayCalendar();
const seedRules: DeadlineRules = { draftReportClearDays: 8, despatchClearDays: 5 };

/** dd/mm/yyyy, as the seed prints dates → yyyy-mm-dd. */
function iso(ukDate: string): string {
  const [d, m, y] = ukDate.split('/');
  return `${y}-${m}-${d}`;
}

function check(
  meetingDate: string,
  plannedDraftDeadline: string | null,
  plannedDespatch: string | null,
  extra: { agendaPublishedOn?: string | null; keyDecisions?: { ref: string; title: string; firstNoticeOn: string }[]; rules?: DeadlineRules } = {},
): DateFlag[] {
  return checkPlannedDates(
    {
      meetingDate,
      plannedDraftDeadline,
      plannedDespatch,
      agendaPublishedOn: extra.agendaPublishedOn ?? null,
      keyDecisions: extra.keyDecisions ?? [],
    },
    extra.rules ?? seedRules,
    holidays,
  );
}

test('the constants are the statutory ones', () => {
  assert.equal(STATUTORY_DESPATCH_CLEAR_DAYS, 5);
  assert.equal(KEY_DECISION_NOTICE_CLEAR_DAYS, 28);
  assert.equal(PUBLIC_SPEAKING_WORKING_DAYS, 3);
});

test('formatLongDate writes dates as officers do', () => {
  assert.equal(formatLongDate('2018-05-31'), 'Thursday 31 May 2018');
  assert.equal(formatLongDate('2019-04-05'), 'Friday 5 April 2019');
  assert.equal(formatLongDate('2019-01-01'), 'Tuesday 1 January 2019');
  assert.throws(() => formatLongDate('2019-02-29'), TypeError);
});

// Seed 004, a county council committee's forward agenda plan: meeting → printed deadline for
// draft reports (8 clear working days) and agenda despatch (5 clear working days).
const SEED_004_CORRECT_ROWS: [meeting: string, draftDeadline: string, despatch: string][] = [
  ['31/05/2018', '17/05/2018', '22/05/2018'], // late May bank holiday Monday 28 May 2018 in between
  ['21/06/2018', '08/06/2018', '13/06/2018'],
  ['05/07/2018', '22/06/2018', '27/06/2018'],
  ['27/09/2018', '14/09/2018', '19/09/2018'],
  ['18/10/2018', '05/10/2018', '10/10/2018'],
  ['08/11/2018', '26/10/2018', '31/10/2018'],
  ['20/12/2018', '07/12/2018', '12/12/2018'],
  ['17/01/2019', '04/01/2019', '09/01/2019'],
  ['14/02/2019', '01/02/2019', '06/02/2019'],
  ['07/03/2019', '22/02/2019', '27/02/2019'],
];

test("seed 004: deriveMeetingDates gives exactly the plan's printed deadlines", () => {
  for (const [meeting, draft, despatch] of SEED_004_CORRECT_ROWS) {
    const dates = deriveMeetingDates(iso(meeting), seedRules, holidays);
    assert.equal(dates.draftReportsDue, iso(draft), `draft reports for ${meeting}`);
    assert.equal(dates.agendaDespatch, iso(despatch), `despatch for ${meeting}`);
  }
});

test("seed 004: the plan's printed dates raise no flags", () => {
  for (const [meeting, draft, despatch] of SEED_004_CORRECT_ROWS) {
    assert.deepEqual(check(iso(meeting), iso(draft), iso(despatch)), [], meeting);
    // Publishing the agenda on the planned day is lawful too.
    assert.deepEqual(check(iso(meeting), iso(draft), iso(despatch), { agendaPublishedOn: iso(despatch) }), [], meeting);
  }
});

test('the day after each printed deadline would be too late', () => {
  for (const [meeting, draft, despatch] of SEED_004_CORRECT_ROWS) {
    let lateDespatch = addDays(iso(despatch), 1);
    while (!isWorkingDay(lateDespatch, holidays)) lateDespatch = addDays(lateDespatch, 1);
    assert.equal(clearWorkingDaysBetween(lateDespatch, iso(meeting), holidays), 4, meeting);
    const flags = check(iso(meeting), iso(draft), lateDespatch);
    assert.deepEqual(
      flags.map((f) => [f.rule, f.severity]),
      [['despatch', 'breach']],
      meeting,
    );
    let lateDraft = addDays(iso(draft), 1);
    while (!isWorkingDay(lateDraft, holidays)) lateDraft = addDays(lateDraft, 1);
    assert.deepEqual(
      check(iso(meeting), lateDraft, iso(despatch)).map((f) => [f.rule, f.severity]),
      [['draft_reports', 'warning']],
      meeting,
    );
  }
});

test('seed 004, 9 August 2018: planned despatch a day early is lawful, not flagged', () => {
  // Meeting Thursday 9 August 2018. Working days before it: Wed 8, Tue 7, Mon 6, Fri 3, Thu 2,
  // Wed 1 August, Tue 31, Mon 30, Fri 27, Thu 26 July (no bank holidays until 27 August).
  // 8 clear working days (8 Aug back to 30 Jul) → draft reports Friday 27 July, as printed.
  // 5 clear working days (8 Aug back to 2 Aug) → despatch Wednesday 1 August; the plan says
  // Tuesday 31 July, which leaves 6 (1, 2, 3, 6, 7, 8 August): more than the law needs.
  const dates = deriveMeetingDates('2018-08-09', seedRules, holidays);
  assert.equal(dates.draftReportsDue, '2018-07-27');
  assert.equal(dates.agendaDespatch, '2018-08-01');
  assert.equal(clearWorkingDaysBetween('2018-07-31', '2018-08-09', holidays), 6);
  const flags = check('2018-08-09', '2018-07-27', '2018-07-31');
  assert.equal(
    flags.some((f) => f.severity === 'breach'),
    false,
  );
  assert.deepEqual(flags, []);
});

test('seed 004, 25 April 2019: Easter leaves too few days — draft warning, despatch breach', () => {
  // Meeting Thursday 25 April 2019. Good Friday 19 April and Easter Monday 22 April are bank
  // holidays, so the working days before the meeting are: Wed 24, Tue 23, Thu 18, Wed 17,
  // Tue 16, Mon 15, Fri 12, Thu 11, Wed 10 April.
  // Planned draft deadline Friday 12 April: clear working days 15, 16, 17, 18, 23, 24 = 6 (< 8).
  // Planned despatch Wednesday 17 April: clear working days 18, 23, 24 = 3 (< 5, unlawful).
  // Correct dates: 5 clear (24, 23, 18, 17, 16) → despatch Monday 15 April; 8 clear
  // (24, 23, 18, 17, 16, 15, 12, 11) → draft reports Wednesday 10 April.
  const dates = deriveMeetingDates('2019-04-25', seedRules, holidays);
  assert.equal(dates.agendaDespatch, '2019-04-15');
  assert.equal(dates.draftReportsDue, '2019-04-10');
  assert.equal(dates.publicSpeakingDeadline.date, '2019-04-18'); // 24, 23, then Thursday 18 April
  const flags = check('2019-04-25', '2019-04-12', '2019-04-17');
  assert.deepEqual(flags, [
    {
      rule: 'despatch',
      field: 'plannedDespatch',
      severity: 'breach',
      message:
        'Planned agenda despatch Wednesday 17 April 2019 leaves 3 clear working days before the meeting; the law requires 5 (latest lawful despatch: Monday 15 April 2019).',
    },
    {
      rule: 'draft_reports',
      field: 'plannedDraftDeadline',
      severity: 'warning',
      message:
        "Planned draft report deadline Friday 12 April 2019 leaves 6 clear working days before the meeting; this body's rules ask for 8 (latest draft report deadline under those rules: Wednesday 10 April 2019).",
    },
  ]);
});

test('seed 004, 30 May 2019: the late May bank holiday leaves too few days — warning and breach', () => {
  // Meeting Thursday 30 May 2019; Monday 27 May 2019 is the Spring bank holiday. Working days
  // before the meeting: Wed 29, Tue 28, Fri 24, Thu 23, Wed 22, Tue 21, Mon 20, Fri 17, Thu 16.
  // Planned draft deadline Friday 17 May: clear 20, 21, 22, 23, 24, 28, 29 = 7 (< 8).
  // Planned despatch Wednesday 22 May: clear 23, 24, 28, 29 = 4 (< 5, unlawful).
  // Correct dates: 5 clear (29, 28, 24, 23, 22) → despatch Tuesday 21 May; 8 clear
  // (29, 28, 24, 23, 22, 21, 20, 17) → draft reports Thursday 16 May.
  const dates = deriveMeetingDates('2019-05-30', seedRules, holidays);
  assert.equal(dates.agendaDespatch, '2019-05-21');
  assert.equal(dates.draftReportsDue, '2019-05-16');
  const flags = check('2019-05-30', '2019-05-17', '2019-05-22');
  assert.deepEqual(
    flags.map((f) => [f.rule, f.field, f.severity]),
    [
      ['despatch', 'plannedDespatch', 'breach'],
      ['draft_reports', 'plannedDraftDeadline', 'warning'],
    ],
  );
  assert.equal(
    flags[0]!.message,
    'Planned agenda despatch Wednesday 22 May 2019 leaves 4 clear working days before the meeting; the law requires 5 (latest lawful despatch: Tuesday 21 May 2019).',
  );
  assert.match(
    flags[1]!.message,
    /^Planned draft report deadline Friday 17 May 2019 leaves 7 clear working days before the meeting; .* 8 .*Thursday 16 May 2019\)\.$/,
  );
});

test('Christmas 2018: meeting Thursday 3 January 2019', () => {
  // Holidays 25, 26 December 2018 and 1 January 2019. Working days before the meeting: Wed 2 Jan,
  // Mon 31, Fri 28, Thu 27, Mon 24, Fri 21, Thu 20, Wed 19, Tue 18 December.
  const dates = deriveMeetingDates('2019-01-03', seedRules, holidays);
  assert.deepEqual(dates, {
    draftReportsDue: '2018-12-18', // 8 clear: 2, 31, 28, 27, 24, 21, 20, 19
    agendaDespatch: '2018-12-21', // 5 clear: 2, 31, 28, 27, 24
    publicSpeakingDeadline: { date: '2018-12-28', time: '12:00' }, // 3rd working day before: 2, 31, 28
    forwardPlanEntryBy: '2018-12-05', // 28 clear days: 6 December to 2 January
  });
  // Despatch on Christmas Eve leaves only 4 (27, 28, 31 Dec, 2 Jan).
  const flags = check('2019-01-03', '2018-12-18', '2018-12-24');
  assert.deepEqual(
    flags.map((f) => f.message),
    [
      'Planned agenda despatch Monday 24 December 2018 leaves 4 clear working days before the meeting; the law requires 5 (latest lawful despatch: Friday 21 December 2018).',
    ],
  );
});

test('public speaking deadline: 12 noon three working days before', () => {
  assert.deepEqual(deriveMeetingDates('2018-05-31', seedRules, holidays).publicSpeakingDeadline, { date: '2018-05-25', time: '12:00' });
  assert.equal(formatLongDate(deriveMeetingDates('2018-05-31', seedRules, holidays).publicSpeakingDeadline.date), 'Friday 25 May 2018');
  assert.equal(deriveMeetingDates('2018-06-21', seedRules, holidays).publicSpeakingDeadline.date, '2018-06-18'); // Wed 20, Tue 19, Mon 18
  assert.equal(deriveMeetingDates('2018-06-19', seedRules, holidays).publicSpeakingDeadline.date, '2018-06-14'); // Mon 18, Fri 15, Thu 14
});

test('Forward Plan entry: 28 clear days (calendar days, not working days)', () => {
  assert.equal(deriveMeetingDates('2018-05-31', seedRules, holidays).forwardPlanEntryBy, '2018-05-02');
  assert.equal(deriveMeetingDates('2019-03-07', seedRules, holidays).forwardPlanEntryBy, '2019-02-06');
  const ok = check('2018-05-31', null, null, { keyDecisions: [{ ref: 'KD/2018/014', title: 'Highways term contract', firstNoticeOn: '2018-05-02' }] });
  assert.deepEqual(ok, []);
  const late = check('2018-05-31', null, null, {
    keyDecisions: [
      { ref: 'KD/2018/014', title: 'Highways term contract', firstNoticeOn: '2018-05-02' },
      { ref: 'KD/2018/015', title: 'Libraries strategy', firstNoticeOn: '2018-05-03' },
      { ref: 'KD/2018/016', title: 'Late item', firstNoticeOn: '2018-05-31' },
    ],
  });
  assert.deepEqual(
    late.map((f) => [f.rule, f.field, f.severity, f.itemRef]),
    [
      ['forward_plan', 'keyDecision', 'breach', 'KD/2018/015'],
      ['forward_plan', 'keyDecision', 'breach', 'KD/2018/016'],
    ],
  );
  assert.match(
    late[0]!.message,
    /^Key decision KD\/2018\/015 \(Libraries strategy\) first appeared on the Forward Plan on Thursday 3 May 2018, 27 clear days before the meeting; the law requires 28 clear days' notice \(it needed to be on the plan by Wednesday 2 May 2018\)\./,
  );
  assert.match(late[1]!.message, /only on Thursday 31 May 2018, which is not before the meeting/);
});

test('planned dates on a weekend or bank holiday are warned about', () => {
  // Meeting Thursday 31 May 2018; draft deadline Saturday 12 May (plenty of days), despatch on
  // the bank holiday Monday 28 May (which also leaves only 2 clear working days: 29, 30).
  const flags = check('2018-05-31', '2018-05-12', '2018-05-28');
  assert.deepEqual(
    flags.map((f) => [f.rule, f.field, f.severity]),
    [
      ['despatch', 'plannedDespatch', 'breach'],
      ['not_working_day', 'plannedDespatch', 'warning'],
      ['not_working_day', 'plannedDraftDeadline', 'warning'],
    ],
  );
  assert.equal(flags[1]!.message, 'Planned agenda despatch Monday 28 May 2018 is a bank holiday, which is not a working day.');
  assert.equal(flags[2]!.message, 'Planned draft report deadline Saturday 12 May 2018 falls on a Saturday, which is not a working day.');
});

test('dates in the wrong order are breaches', () => {
  // Draft reports due after the agenda goes out.
  const flags = check('2018-05-31', '2018-05-21', '2018-05-18');
  assert.deepEqual(
    flags.map((f) => [f.rule, f.field, f.severity]),
    [
      ['order', 'plannedDraftDeadline', 'breach'],
      ['draft_reports', 'plannedDraftDeadline', 'warning'],
    ],
  );
  assert.equal(
    flags[0]!.message,
    'Planned draft report deadline Monday 21 May 2018 is after the planned agenda despatch Friday 18 May 2018; draft reports must be in before the agenda goes out.',
  );
  // Planned dates on or after the meeting.
  const after = check('2018-05-31', '2018-05-31', '2018-06-01');
  assert.deepEqual(
    after.map((f) => [f.rule, f.field, f.severity]),
    [
      ['order', 'plannedDespatch', 'breach'],
      ['order', 'plannedDraftDeadline', 'breach'],
    ],
  );
  assert.match(after[0]!.message, /^Planned agenda despatch Friday 1 June 2018 is after the meeting on Thursday 31 May 2018; .*Tuesday 22 May 2018\)\.$/);
  assert.match(after[1]!.message, /^Planned draft report deadline Thursday 31 May 2018 is the day of the meeting; /);
  // The same day for both is allowed.
  assert.deepEqual(check('2018-05-31', '2018-05-17', '2018-05-17'), []);
});

test('actual publication is checked against the law and the body', () => {
  const late = check('2019-04-25', null, null, { agendaPublishedOn: '2019-04-17' });
  assert.deepEqual(late, [
    {
      rule: 'despatch',
      field: 'agendaPublished',
      severity: 'breach',
      message:
        'The agenda was published on Wednesday 17 April 2019, leaving 3 clear working days before the meeting; the law requires 5 (latest lawful publication: Monday 15 April 2019).',
    },
  ]);
  // Published on a Saturday with enough days: fine (the count starts after the Saturday).
  assert.deepEqual(check('2018-06-21', null, null, { agendaPublishedOn: '2018-06-09' }), []);
  const onTheDay = check('2018-06-21', null, null, { agendaPublishedOn: '2018-06-21' });
  assert.deepEqual(
    onTheDay.map((f) => [f.rule, f.severity]),
    [['despatch', 'breach']],
  );
  assert.match(onTheDay[0]!.message, /^The agenda was published on Thursday 21 June 2018, which is the day of the meeting; /);
});

test("a body's stricter despatch rule gives warnings, never breaches, above the legal 5", () => {
  const rules: DeadlineRules = { draftReportClearDays: 10, despatchClearDays: 7 };
  // Meeting Thursday 21 June 2018: 7 clear working days → Monday 11 June; 10 → Wednesday 6 June.
  const dates = deriveMeetingDates('2018-06-21', rules, holidays);
  assert.equal(dates.agendaDespatch, '2018-06-11');
  assert.equal(dates.draftReportsDue, '2018-06-06');
  const flags = check('2018-06-21', '2018-06-06', '2018-06-13', { rules, agendaPublishedOn: '2018-06-13' });
  assert.deepEqual(
    flags.map((f) => [f.rule, f.field, f.severity]),
    [
      ['despatch', 'plannedDespatch', 'warning'],
      ['despatch', 'agendaPublished', 'warning'],
    ],
  );
  assert.equal(
    flags[0]!.message,
    "Planned agenda despatch Wednesday 13 June 2018 leaves 5 clear working days before the meeting. That meets the legal minimum of 5, but this body's rules ask for 7 (latest despatch under those rules: Monday 11 June 2018).",
  );
  assert.deepEqual(check('2018-06-21', '2018-06-06', '2018-06-11', { rules }), []);
});

test('bad input is refused', () => {
  assert.throws(() => deriveMeetingDates('2019-02-29', seedRules, holidays), { name: 'TypeError', message: /meeting date '2019-02-29' is not a real date/ });
  assert.throws(() => deriveMeetingDates('2019-04-25', { draftReportClearDays: 8, despatchClearDays: 4 }, holidays), {
    name: 'TypeError',
    message: /at least 5, the legal minimum/,
  });
  assert.throws(() => deriveMeetingDates('2019-04-25', { draftReportClearDays: -1, despatchClearDays: 5 }, holidays), TypeError);
  assert.throws(() => check('2019-04-25', '12/04/2019', null), {
    name: 'TypeError',
    message: /planned draft report deadline must be a date written yyyy-mm-dd/,
  });
  assert.throws(() => check('2019-04-25', null, null, { keyDecisions: [{ ref: 'KD1', title: 't', firstNoticeOn: 'soon' }] }), TypeError);
});

test('property: the derived dates never raise a flag, and are working days in the right order', () => {
  const meetingDate = fc.integer({ min: 0, max: 12 * 366 }).map((n) => addDays('2018-01-01', n));
  const rules = fc
    .record({ draftReportClearDays: fc.integer({ min: 0, max: 20 }), despatchClearDays: fc.integer({ min: 5, max: 15 }) })
    .filter((r) => r.draftReportClearDays >= r.despatchClearDays);
  fc.assert(
    fc.property(meetingDate, rules, (meeting, r) => {
      const dates = deriveMeetingDates(meeting, r, holidays);
      assert.equal(isWorkingDay(dates.agendaDespatch, holidays), true);
      assert.equal(isWorkingDay(dates.draftReportsDue, holidays), true);
      assert.equal(isWorkingDay(dates.publicSpeakingDeadline.date, holidays), true);
      assert.ok(dates.draftReportsDue <= dates.agendaDespatch);
      assert.ok(dates.agendaDespatch < dates.publicSpeakingDeadline.date);
      assert.ok(dates.publicSpeakingDeadline.date < meeting);
      assert.deepEqual(
        checkPlannedDates(
          {
            meetingDate: meeting,
            plannedDraftDeadline: dates.draftReportsDue,
            plannedDespatch: dates.agendaDespatch,
            agendaPublishedOn: dates.agendaDespatch,
            keyDecisions: [{ ref: 'KD', title: 'x', firstNoticeOn: dates.forwardPlanEntryBy }],
          },
          r,
          holidays,
        ),
        // The only flag is the meeting's own date, when that is not a working day.
        meetingDateWarnings(meeting, holidays),
      );
      // One working day later for despatch is always flagged.
      let later = addDays(dates.agendaDespatch, 1);
      while (!isWorkingDay(later, holidays)) later = addDays(later, 1);
      const flags = checkPlannedDates(
        { meetingDate: meeting, plannedDraftDeadline: null, plannedDespatch: later, agendaPublishedOn: null, keyDecisions: [] },
        r,
        holidays,
      );
      const planned = flags.filter((f) => f.field !== 'meetingDate');
      assert.equal(planned.length, 1);
      assert.equal(planned[0]!.severity, r.despatchClearDays === 5 ? 'breach' : 'warning');
    }),
  );
});

test('a meeting on a weekend or bank holiday is warned about, not refused (issue 18)', () => {
  assert.deepEqual(
    check('2026-12-25', null, null).map((f) => [f.rule, f.field, f.severity, f.message]),
    [
      [
        'not_working_day',
        'meetingDate',
        'warning',
        'The meeting on Friday 25 December 2026 is a bank holiday, which is not a working day: check the date is right.',
      ],
    ],
  );
  assert.deepEqual(
    meetingDateWarnings('2028-01-01', holidays).map((f) => f.message),
    ['The meeting on Saturday 1 January 2028 falls on a Saturday, which is not a working day: check the date is right.'],
  );
  assert.deepEqual(meetingDateWarnings('2027-01-07', holidays), []);
});
