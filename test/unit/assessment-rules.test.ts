// The self-assessment's rules with seed 000's dates: questions A–G with the Audit Commission's four sub-queries
// under G; the sign-off route's deadlines worked out from its meetings (the Public Service Board on 14 July 2009,
// the South Cambridgeshire LSP Board on 17 July, the Cambridgeshire Together Board on 23 July) in clear working
// days with bank holidays; and what is overdue, judged against today only while the assessment is open.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultHolidayCalendar } from '../../src/calendar/bank-holidays.ts';
import {
  currentStep,
  inReadingOrder,
  judgeStep,
  letterOf,
  questionLabels,
  romanOf,
  versionBy,
  stepDeadlines,
  type RouteStep,
} from '../../src/reports/assessment-rules.ts';

const holidays = defaultHolidayCalendar();
const board = (meetingDate: string) => ({ meetingDate, draftReportClearDays: 8, despatchClearDays: 5 });

describe('question lettering', () => {
  it('letters questions A to Z, then AA', () => {
    assert.deepEqual([1, 2, 7, 26, 27, 28, 52, 53].map(letterOf), ['A', 'B', 'G', 'Z', 'AA', 'AB', 'AZ', 'BA']);
    assert.throws(() => letterOf(0), /whole number from 1/);
  });
  it('numbers sub-queries in small roman numerals', () => {
    assert.deepEqual([1, 2, 3, 4, 9, 14, 40].map(romanOf), ['i', 'ii', 'iii', 'iv', 'ix', 'xiv', 'xl']);
  });
  it("labels seed 000's A–G from their order, with the Audit Commission's four sub-queries under G", () => {
    // Stored out of order, with gaps in the positions (a question removed): letters follow the order, not the numbers.
    const top = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => ({ id, parentId: null, position: (7 - i) * 10 }));
    const subs = [4, 1, 3, 2].map((n) => ({ id: `g${n}`, parentId: 'g', position: n }));
    const labels = questionLabels([...subs, ...top]);
    assert.equal(labels.get('g'), 'A', 'position 10 is first');
    assert.equal(labels.get('a'), 'G');
    assert.deepEqual(
      ['g1', 'g2', 'g3', 'g4'].map((id) => labels.get(id)),
      ['A(i)', 'A(ii)', 'A(iii)', 'A(iv)'],
    );
    const seedOrder = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => ({ id, parentId: null, position: i + 1 }));
    const seed = questionLabels([...seedOrder, ...subs]);
    assert.deepEqual(
      [...'abcdefg'].map((id) => seed.get(id)),
      [...'ABCDEFG'],
    );
    assert.equal(seed.get('g3'), 'G(iii)');
    assert.deepEqual(
      inReadingOrder([...subs, ...seedOrder]).map((q) => q.id),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'g1', 'g2', 'g3', 'g4'],
    );
  });
  it('treats a sub-query whose question has gone as a question of its own', () => {
    const labels = questionLabels([
      { id: 'a', parentId: null, position: 1 },
      { id: 'x', parentId: 'missing', position: 2 },
    ]);
    assert.equal(labels.get('x'), 'B');
  });
});

describe('route step deadlines from meetings', () => {
  it("works out seed 000's route in clear working days: the draft by the draft-report deadline, the paper with the agenda", () => {
    // Public Service Board, Tuesday 14 July 2009.
    assert.deepEqual(stepDeadlines(board('2009-07-14'), holidays), { draftDue: '2009-07-01', paperDue: '2009-07-06' });
    // South Cambridgeshire LSP Board, Friday 17 July 2009: "even as papers are dispatched" on 9 July.
    assert.deepEqual(stepDeadlines(board('2009-07-17'), holidays), { draftDue: '2009-07-06', paperDue: '2009-07-09' });
    // Cambridgeshire Together Board, Thursday 23 July 2009, for sign-off.
    assert.deepEqual(stepDeadlines(board('2009-07-23'), holidays), { draftDue: '2009-07-10', paperDue: '2009-07-15' });
  });
  it('skips bank holidays as the agenda deadlines do (the summer bank holiday, 31 August 2009)', () => {
    assert.equal(stepDeadlines(board('2009-09-02'), holidays).paperDue, '2009-08-24');
    assert.equal(stepDeadlines(board('2009-09-02'), new Set()).paperDue, '2009-08-25');
  });
  it("follows the board's own rules", () => {
    assert.deepEqual(stepDeadlines({ meetingDate: '2009-07-23', draftReportClearDays: 10, despatchClearDays: 7 }, holidays), {
      draftDue: '2009-07-08',
      paperDue: '2009-07-13',
    });
  });
});

describe('route status and overdue', () => {
  const ct: RouteStep = { status: 'planned', date: '2009-07-23', deadlines: { draftDue: '2009-07-10', paperDue: '2009-07-15' } };
  it('is not overdue before the paper deadline', () => {
    assert.deepEqual(judgeStep(ct, '2009-07-15', 'open'), { overdue: false, reason: null });
  });
  it('is overdue once the paper deadline passes with no paper sent', () => {
    const j = judgeStep(ct, '2009-07-16', 'open');
    assert.equal(j.overdue, true);
    assert.match(j.reason!, /paper was due by 2009-07-15/);
  });
  it('is overdue when the paper went but the meeting has passed without an outcome recorded', () => {
    assert.equal(judgeStep({ ...ct, status: 'paper_sent' }, '2009-07-23', 'open').overdue, false);
    assert.match(judgeStep({ ...ct, status: 'paper_sent' }, '2009-07-24', 'open').reason!, /meeting was on 2009-07-23/);
  });
  it('never judges a step the board dealt with as overdue', () => {
    for (const status of ['considered', 'signed_off', 'changes_asked', 'skipped'] as const) {
      assert.equal(judgeStep({ ...ct, status }, '2026-12-07', 'open').overdue, false, status);
    }
  });
  it('judges nothing overdue once the assessment is submitted or closed: the 2009 route today', () => {
    for (const state of ['submitted', 'closed'] as const) assert.equal(judgeStep(ct, '2026-12-07', state).overdue, false);
  });
  it('judges a step outside a meeting by its own date, and an undated one never', () => {
    assert.equal(judgeStep({ status: 'planned', date: '2009-07-31', deadlines: null }, '2009-08-01', 'open').overdue, true);
    assert.equal(judgeStep({ status: 'planned', date: null, deadlines: null }, '2026-12-07', 'open').overdue, false);
  });
  it('waits on the first step not yet dealt with', () => {
    const steps = [{ status: 'considered' as const }, { status: 'paper_sent' as const }, { status: 'planned' as const }];
    assert.equal(currentStep(steps), steps[1]);
    assert.equal(currentStep([{ status: 'signed_off' as const }]), null);
  });
});

describe('the version a step carries', () => {
  it('is the latest drafted by the paper deadline', () => {
    const drafts = [
      { number: 1, draftedOn: '2009-07-06' },
      { number: 2, draftedOn: '2009-07-20' },
    ];
    assert.equal(versionBy(drafts, '2009-07-06')?.number, 1, 'the Public Service Board, papers by 6 July');
    assert.equal(versionBy(drafts, '2009-07-15')?.number, 1, 'the Cambridgeshire Together Board, papers by 15 July');
    assert.equal(versionBy(drafts, '2009-07-20')?.number, 2);
    assert.equal(versionBy(drafts, '2009-07-05'), null);
  });
});
