// Pure rules of the quarterly update to Cabinet (seed 001): quarter boundaries and names, the product's
// draft of a summary of activity from the quarter's records, approval, and the contents list's page ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canApprove,
  contentsLines,
  draftSummary,
  onTarget,
  pageRange,
  parseQuarter,
  previousQuarter,
  quarterOf,
  stateAfterEdit,
} from '../../src/reports/quarterly-rules.ts';

const empty = { meetings: [], decisions: [], indicators: [], exceptions: [], events: [], plans: [] };

describe('quarters', () => {
  it("seed 001's quarter: April to June 2009 is Quarter 1 of 2009/10", () => {
    const q = quarterOf('2009-05-27');
    assert.deepEqual(
      { start: q.start, end: q.end, financialYear: q.financialYear, number: q.number },
      { start: '2009-04-01', end: '2009-06-30', financialYear: 2009, number: 1 },
    );
    assert.equal(q.label, 'Quarter 1 2009/10 (April to June 2009)');
  });
  it('January to March belongs to the financial year that began the April before, and ends on 31 March', () => {
    const q = quarterOf('2010-02-28');
    assert.equal(q.start, '2010-01-01');
    assert.equal(q.end, '2010-03-31');
    assert.equal(q.financialYear, 2009);
    assert.equal(q.number, 4);
  });
  it('the first and last day of a quarter are in it; the next day is not', () => {
    assert.equal(quarterOf('2009-06-30').start, '2009-04-01');
    assert.equal(quarterOf('2009-07-01').start, '2009-07-01');
    assert.equal(quarterOf('2009-12-31').end, '2009-12-31');
  });
  it('reads a quarter only from its first day, and steps back across a year', () => {
    assert.equal(parseQuarter('2009-04-01')?.label, 'Quarter 1 2009/10 (April to June 2009)');
    for (const bad of ['2009-05-01', '2009-04-02', 'April 2009', '', '1850-04-01']) assert.equal(parseQuarter(bad), null, bad);
    assert.equal(previousQuarter(quarterOf('2009-04-01')).start, '2009-01-01');
    assert.equal(previousQuarter(quarterOf('2009-01-15')).start, '2008-10-01');
  });
});

describe('drafting a summary of activity', () => {
  it("drafts seed 001's Community Safety section from its meeting, indicators and exception report", () => {
    const text = draftSummary({
      ...empty,
      meetings: [{ bodyName: 'Community Safety Strategic Partnership Board', meetingDate: '2009-04-28', held: true }],
      indicators: [
        { label: 'NI 32 Repeat incidents of domestic violence', actual: '25.0%', target: '28.0%', onTarget: true },
        { label: 'NI 16 Serious acquisitive crime rate', actual: null, target: '12.2 per 1,000', onTarget: null },
      ],
      exceptions: [
        {
          indicatorTitle: 'Serious acquisitive crime rate',
          cause: 'Serious acquisitive crime has risen by 5%',
          actions: 'A County NI16 Strategic Group has been formed',
        },
      ],
    });
    assert.match(text, /^Since the last report to Cabinet, the Community Safety Strategic Partnership Board met on 28 April\./);
    assert.match(text, /Performance this quarter: NI 32 Repeat incidents of domestic violence: 25\.0% against a target of 28\.0%\./);
    assert.doesNotMatch(text, /NI 16 Serious acquisitive crime rate:/, 'an indicator without a result this quarter is not reported as one');
    assert.match(
      text,
      /An exception report for Serious acquisitive crime rate was considered\. Serious acquisitive crime has risen by 5%\. Actions: A County NI16 Strategic Group has been formed\./,
    );
  });
  it('names several meetings in one sentence, leaves out ones not held, and reports landscape events and plans', () => {
    const text = draftSummary({
      ...empty,
      meetings: [
        { bodyName: 'Children and Young People Steering Group', meetingDate: '2009-05-20', held: true },
        { bodyName: "Children and Young People's Strategic Partnership", meetingDate: '2009-05-22', held: true },
        { bodyName: 'Steering Group', meetingDate: '2009-06-30', held: false },
      ],
      events: [{ kind: 'established', eventDate: '2009-05-27', description: 'The CPSB replaced the Chief Executives Liaison Group' }],
      plans: [{ title: 'Big Plan 2', done: 3, total: 10 }],
    });
    assert.match(text, /the Children and Young People Steering Group met on 20 May and the Children and Young People's Strategic Partnership met on 22 May\./);
    assert.doesNotMatch(text, /30 June/);
    assert.match(text, /On 27 May 2009 the partnership was established: The CPSB replaced the Chief Executives Liaison Group\./);
    assert.match(text, /Plan progress: Big Plan 2, 3 of 10 actions complete\./);
  });
  it("says so when nothing was recorded (seed 001's Care Partnership did not meet in the quarter)", () => {
    assert.equal(draftSummary(empty), 'Nothing was recorded for this partnership in the quarter.');
  });
  it('judges an actual against its target the way the indicator runs', () => {
    assert.equal(onTarget(25, 28, 'lower_is_better'), true);
    assert.equal(onTarget(30, 28, 'lower_is_better'), false);
    assert.equal(onTarget(30, 28, 'higher_is_better'), true);
    assert.equal(onTarget(null, 28, 'higher_is_better'), null);
    assert.equal(onTarget(3, 2, 'not_applicable'), null);
  });
});

describe('approval and contents', () => {
  it('only a submitted update can be approved, and an edit returns an approved update to draft', () => {
    assert.equal(canApprove('submitted'), true);
    assert.equal(canApprove('draft'), false);
    assert.equal(canApprove('approved'), false);
    assert.equal(canApprove(null), false);
    assert.equal(stateAfterEdit('approved'), 'draft');
  });
  it("letters the partnerships and gives their page ranges as seed 001's purpose does", () => {
    assert.equal(pageRange(2, 5), 'pages 2-5');
    assert.equal(pageRange(8, 8), 'page 8');
    assert.deepEqual(
      contentsLines([
        { name: 'Cambridgeshire Together', first: 2, last: 5 },
        { name: 'The Children and Young People Partnership', first: 5, last: 6 },
      ]),
      ['A) Cambridgeshire Together (pages 2-5)', 'B) The Children and Young People Partnership (pages 5-6)'],
    );
  });
});
