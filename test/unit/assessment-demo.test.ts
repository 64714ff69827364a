// The self-assessment demo data (seed 000) read as the loader reads it: questions A–G with the Audit Commission's
// four sub-queries under G, the route of paragraph 7 (Public Service Board 14 July 2009, Cambridgeshire Together
// Board 23 July 2009 for sign-off, then formal submission) with deadlines from the boards' meetings, and nothing
// overdue today because the assessment is submitted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultHolidayCalendar } from '../../src/calendar/bank-holidays.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { readDemoAssessment } from '../../src/demo/assessment-demo.ts';
import { judgeStep, questionLabels, stepDeadlines } from '../../src/reports/assessment-rules.ts';

describe('the self-assessment demo (seed 000)', async () => {
  const data = await readDemoAssessment();
  const a = data.assessment;
  const meetingOf = (key: string | undefined) => data.bodies.find((b) => b.key === key)!.meetings[0]!;

  it('has questions A–G in the seed’s order, with four sub-queries under G', () => {
    const places = a.questions.flatMap((q, i) => [
      { id: `q${i}`, parentId: null, position: i + 1 },
      ...(q.subQueries ?? []).map((_, j) => ({ id: `q${i}.${j}`, parentId: `q${i}`, position: j + 1 })),
    ]);
    const labels = questionLabels(places);
    assert.deepEqual(
      a.questions.map((_, i) => labels.get(`q${i}`)),
      [...'ABCDEFG'],
    );
    assert.equal(a.questions[6]!.subQueries!.length, 4);
    assert.equal(labels.get('q6.3'), 'G(iv)');
    assert.match(a.questions[4]!.text, /Gypsies and Travellers/);
    assert.match(a.questions[6]!.subQueries![1]!, /aging population/);
    for (const e of a.evidence) assert.match(e.question, /^[A-G](\((i|ii|iii|iv)\))?$/);
  });

  it("regenerates paragraph 7's route with its dates and deadlines, and nothing overdue today", () => {
    assert.deepEqual(
      a.route.map((s) => [s.purpose, s.boardKey ? meetingOf(s.boardKey).date : null, s.status]),
      [
        ['Consider the draft', '2009-07-14', 'considered'],
        ['Sign off', '2009-07-23', 'signed_off'],
        ['Formal submission', null, 'paper_sent'],
      ],
    );
    assert.equal(a.route[2]!.board, 'Audit Commission');
    const holidays = defaultHolidayCalendar();
    const deadlines = a.route.map((s) =>
      s.boardKey ? stepDeadlines({ meetingDate: meetingOf(s.boardKey).date, draftReportClearDays: 8, despatchClearDays: 5 }, holidays) : null,
    );
    assert.deepEqual(deadlines, [{ draftDue: '2009-07-01', paperDue: '2009-07-06' }, { draftDue: '2009-07-10', paperDue: '2009-07-15' }, null]);
    assert.equal(a.state, 'submitted');
    for (const [i, s] of a.route.entries()) {
      const date = s.boardKey ? meetingOf(s.boardKey).date : null;
      assert.equal(judgeStep({ status: s.status, date, deadlines: deadlines[i]! }, todayInEngland(), a.state).overdue, false);
    }
  });

  it("records the LSP Board's consideration of 17 July 2009 as comments on the draft", () => {
    const [draft] = a.drafts;
    assert.equal(draft!.number, 1);
    assert.deepEqual(
      draft!.comments.map((c) => meetingOf(c.boardKey).date),
      ['2009-07-17'],
    );
  });
});
