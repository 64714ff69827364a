// The health check's computed criteria, worked through with seed 004's meeting of 31 May 2018 (agenda
// published Tuesday 22 May; Monday 28 May 2018 was a bank holiday) and seed 002's Principles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultHolidayCalendar } from '../../src/calendar/bank-holidays.ts';
import {
  asAtFor,
  contactsPublished,
  meetingsInPublic,
  memberRepresentation,
  minutesDueBy,
  minutesInTime,
  type MeetingFact,
  papersCompleteOn,
  papersInTime,
  performanceLinked,
  publicisedInAdvance,
  ragCounts,
  resourcesCommitted,
  resourcesReviewed,
  riskRegister,
  share,
  termsOfReference,
  trend,
  workingDaysAfter,
} from '../../src/reports/health-rules.ts';

const holidays = defaultHolidayCalendar();
const may31: MeetingFact = {
  id: 'm1',
  bodyName: 'Communities and Partnership Committee',
  bodyPublished: true,
  meetingDate: '2018-05-31',
  held: true,
  isPublic: true,
  agendaPublishedOn: '2018-05-22',
  papersPublishedOn: ['2018-05-21'],
  minutesPublishedOn: '2018-06-14',
};

test('a year runs April to March and a running year is judged as at today', () => {
  assert.equal(asAtFor(2011, '2026-12-07'), '2012-03-31');
  assert.equal(asAtFor(2026, '2026-12-07'), '2026-12-07');
});

test('share: all green, at least half amber, less red, nothing not assessed', () => {
  assert.equal(share(3, 3), 'green');
  assert.equal(share(1, 2), 'amber');
  assert.equal(share(1, 3), 'red');
  assert.equal(share(0, 0), 'not_assessed');
});

test('4c: an agenda published on 22 May 2018 leaves exactly 5 clear working days before 31 May (28 May a bank holiday)', () => {
  const r = papersInTime([may31], holidays);
  assert.equal(r.rag, 'green');
  assert.match(r.evidence[0]!.text, /papers complete 2018-05-22, 5 clear working days before \(in time\)/);
  assert.equal(r.evidence[0]!.href, '/meetings/m1');
});

test('4c: a report published a day after the agenda makes the papers late, measured from its publication', () => {
  const late = { ...may31, papersPublishedOn: ['2018-05-23'] };
  assert.equal(papersCompleteOn(late), '2018-05-23');
  const r = papersInTime([late], holidays);
  assert.equal(r.rag, 'red');
  assert.match(r.evidence[0]!.text, /4 clear working days before \(late\)/);
  // One meeting of two late is amber.
  assert.equal(papersInTime([may31, { ...late, id: 'm2' }], holidays).rag, 'amber');
  // Never published is late.
  assert.equal(papersInTime([{ ...may31, agendaPublishedOn: null }], holidays).rag, 'red');
});

test('4d: minutes of 31 May 2018 are due by the 10th working day after, 14 June 2018', () => {
  assert.equal(minutesDueBy('2018-05-31', 10, holidays), '2018-06-14');
  assert.equal(workingDaysAfter('2018-05-31', '2018-06-14', holidays), 10);
  assert.equal(minutesInTime([may31], holidays, 10, '2019-03-31').rag, 'green');
  assert.equal(minutesInTime([{ ...may31, minutesPublishedOn: '2018-06-15' }], holidays, 10, '2019-03-31').rag, 'red');
  // Not published and not yet due: left out, so not assessed.
  const pending = minutesInTime([{ ...may31, minutesPublishedOn: null }], holidays, 10, '2018-06-05');
  assert.equal(pending.rag, 'not_assessed');
  assert.match(pending.evidence[0]!.text, /not yet due \(by 2018-06-14\)/);
  // Not published once due: red.
  assert.equal(minutesInTime([{ ...may31, minutesPublishedOn: null }], holidays, 10, '2018-07-01').rag, 'red');
  // A scheduled meeting has no minutes to judge.
  assert.equal(minutesInTime([{ ...may31, held: false }], holidays, 10, '2018-07-01').rag, 'not_assessed');
});

test('4a and 4b: meetings in public and publicised before the day', () => {
  assert.equal(meetingsInPublic([]).rag, 'not_assessed');
  assert.equal(meetingsInPublic([may31]).rag, 'green');
  assert.equal(meetingsInPublic([{ ...may31, isPublic: false }]).rag, 'red');
  assert.equal(publicisedInAdvance([may31]).rag, 'green');
  assert.equal(publicisedInAdvance([{ ...may31, bodyPublished: false }]).rag, 'red');
  assert.equal(publicisedInAdvance([{ ...may31, agendaPublishedOn: '2018-05-31' }]).rag, 'red');
});

test('4e: lead member and lead officer with contact details on the public register', () => {
  const member = { role: 'member' as const, name: 'Cllr Rod Cantrill', personId: 'p1', hasContact: true };
  const officer = { role: 'officer' as const, name: 'Graham Saint', personId: 'p2', hasContact: true };
  assert.equal(contactsPublished({ id: 'x', published: true }, [member, officer]).rag, 'green');
  const amber = contactsPublished({ id: 'x', published: true }, [member, { ...officer, hasContact: false }]);
  assert.equal(amber.rag, 'amber');
  assert.match(amber.summary, /the lead officer/);
  assert.equal(contactsPublished({ id: 'x', published: false }, [member, officer]).rag, 'red');
  // Opposition spokes are not in the register: the evidence says so.
  assert.ok(contactsPublished({ id: 'x', published: true }, []).evidence.some((e) => /Opposition spokes/.test(e.text)));
});

test('2a, 2b, 2c: terms of reference, indicators and plans, a risk register reviewed in date', () => {
  assert.equal(termsOfReference({ id: 'x', termsOfReference: false, bodiesWithTerms: [] }).rag, 'red');
  assert.equal(termsOfReference({ id: 'x', termsOfReference: false, bodiesWithTerms: [{ id: 'b', name: 'Board' }] }).rag, 'green');
  assert.equal(performanceLinked({ count: 3 }, [{ id: 'p', title: 'Plan' }], 'x').rag, 'green');
  assert.equal(performanceLinked({ count: 0 }, [{ id: 'p', title: 'Plan' }], 'x').rag, 'amber');
  assert.equal(performanceLinked({ count: 0 }, [], 'x').rag, 'red');
  assert.equal(riskRegister([], '2012-03-31', 'x').rag, 'red');
  assert.equal(riskRegister([{ id: 'r', title: 'Funding', reviewDate: '2012-06-01' }], '2012-03-31', 'x').rag, 'green');
  const overdue = riskRegister([{ id: 'r', title: 'Funding', reviewDate: '2011-06-01' }], '2012-03-31', 'x');
  assert.equal(overdue.rag, 'amber');
  assert.equal(overdue.evidence[1]!.href, '/plans/risks/r');
});

test('3a, 5a, 5d: council members on it and the council’s money, year on year (seed 002: £8,000 a year to the LEP)', () => {
  assert.equal(memberRepresentation([]).rag, 'red');
  assert.equal(memberRepresentation([{ personId: 'p', name: 'Cllr Cantrill', role: 'member' }]).rag, 'green');
  const lep = [{ financialYear: 2011, amountPence: 800000 }];
  assert.equal(resourcesCommitted(lep, 2011, 'x').rag, 'green');
  assert.equal(resourcesCommitted(lep, 2012, 'x').rag, 'amber');
  assert.equal(resourcesCommitted([], 2011, 'x').rag, 'red');
  assert.equal(resourcesCommitted(null, 2011, 'x').rag, 'not_assessed');
  assert.equal(resourcesReviewed(lep, 2011, 'x').rag, 'amber');
  assert.equal(resourcesReviewed([...lep, { financialYear: 2012, amountPence: 800000 }], 2012, 'x').rag, 'green');
  assert.equal(resourcesReviewed(lep, 2013, 'x').rag, 'red');
});

test('trend lists each criterion by year, oldest first; counts add up', () => {
  const rows = trend(
    [
      { year: 2012, rags: { '4c': 'red' } },
      { year: 2011, rags: { '4c': 'green', '2a': 'amber' } },
    ],
    ['2a', '4c'],
  );
  assert.deepEqual(rows, [
    { key: '2a', rags: ['amber', 'not_assessed'] },
    { key: '4c', rags: ['green', 'red'] },
  ]);
  assert.deepEqual(ragCounts(['green', 'green', 'red', 'not_assessed']), { green: 2, amber: 0, red: 1, not_assessed: 1 });
});
