// The pure rules of minutes: numbering that continues across a body's meetings and never reuses a
// number, votes that cannot exceed the members present, how a decision reads, the quorum warning,
// and when an action is overdue and which reminder it is due.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  actionState,
  allocateMinuteNumbers,
  decisionText,
  discussionText,
  joinNames,
  quorumWarning,
  resolvedPreamble,
  voteProblems,
  unwrittenMinutes,
  type Vote,
} from '../../src/minutes/rules.ts';
import { REMIND_DAYS_BEFORE, reminderDue } from '../../src/mail/reminders.ts';

const items = (n: number, withdrawn: number[] = []) => Array.from({ length: n }, (_, i) => ({ id: `item-${i + 1}`, withdrawn: withdrawn.includes(i + 1) }));

const vote = (outcome: Vote['outcome'], votesFor: number | null = null, votesAgainst: number | null = null, abstentions: number | null = null): Vote => ({
  outcome,
  votesFor,
  votesAgainst,
  abstentions,
});

/** ISO date `days` after `iso`. */
const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('allocateMinuteNumbers', () => {
  it('numbers the nine items of 17 April 2018 (seed 004) 50 to 58, continuing from 49', () => {
    const { numbered, lastNumber } = allocateMinuteNumbers(49, items(9));
    assert.deepEqual(
      numbered.map((n) => n.number),
      [50, 51, 52, 53, 54, 55, 56, 57, 58],
    );
    assert.deepEqual(
      numbered.map((n) => n.itemId),
      items(9).map((i) => i.id),
    );
    assert.equal(lastNumber, 58);
  });

  it('starts the next meeting at 59', () => {
    const { numbered, lastNumber } = allocateMinuteNumbers(58, items(3));
    assert.deepEqual(
      numbered.map((n) => n.number),
      [59, 60, 61],
    );
    assert.equal(lastNumber, 61);
  });

  it('gives a withdrawn item no number, and the items after it follow on without a gap', () => {
    const { numbered, lastNumber } = allocateMinuteNumbers(58, items(5, [2]));
    assert.deepEqual(numbered, [
      { itemId: 'item-1', number: 59 },
      { itemId: 'item-3', number: 60 },
      { itemId: 'item-4', number: 61 },
      { itemId: 'item-5', number: 62 },
    ]);
    assert.equal(lastNumber, 62);
  });

  it('uses no numbers when there is nothing to minute', () => {
    assert.deepEqual(allocateMinuteNumbers(58, []), { numbered: [], lastNumber: 58 });
    assert.deepEqual(allocateMinuteNumbers(58, items(2, [1, 2])), { numbered: [], lastNumber: 58 });
    assert.deepEqual(allocateMinuteNumbers(0, items(1)), { numbered: [{ itemId: 'item-1', number: 1 }], lastNumber: 1 });
  });

  it('refuses a last number that is negative or not whole', () => {
    assert.throws(() => allocateMinuteNumbers(-1, items(1)), RangeError);
    assert.throws(() => allocateMinuteNumbers(1.5, items(1)), RangeError);
    assert.throws(() => allocateMinuteNumbers(Number.NaN, items(1)), RangeError);
  });

  it('always gives consecutive, unique numbers from last + 1, one for each item not withdrawn, in agenda order', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.array(fc.boolean(), { maxLength: 60 }), (last, flags) => {
        const agenda = flags.map((withdrawn, i) => ({ id: `item-${i}`, withdrawn }));
        const { numbered, lastNumber } = allocateMinuteNumbers(last, agenda);
        const kept = agenda.filter((i) => !i.withdrawn);
        assert.equal(numbered.length, kept.length);
        assert.deepEqual(
          numbered.map((n) => n.itemId),
          kept.map((i) => i.id),
        );
        numbered.forEach((n, i) => assert.equal(n.number, last + 1 + i));
        assert.equal(new Set(numbered.map((n) => n.number)).size, numbered.length);
        assert.equal(lastNumber, last + kept.length);
        // The next meeting carries on from here: no number is ever given twice.
        const next = allocateMinuteNumbers(lastNumber, [{ id: 'next', withdrawn: false }]);
        assert.ok(numbered.every((n) => n.number < next.numbered[0]!.number));
      }),
    );
  });
});

describe('voteProblems', () => {
  it('accepts 7 in favour and 1 abstention with 8 voting members present', () => {
    assert.deepEqual(voteProblems(vote('majority', 7, 0, 1), 8), {});
    assert.deepEqual(voteProblems(vote('majority', 7, null, 1), 8), {});
  });

  it('refuses 9 votes with 8 voting members present, naming both numbers', () => {
    const problems = voteProblems(vote('majority', 8, 1, 0), 8);
    assert.deepEqual(Object.keys(problems), ['votesFor']);
    assert.equal(problems.votesFor, 'The votes recorded (9) are more than the 8 voting members present');
    assert.match(voteProblems(vote('majority', 5, 3, 1), 8).votesFor!, /\(9\).*\b8 voting members/);
    assert.equal(voteProblems(vote('majority', 2, 0, 0), 1).votesFor, 'The votes recorded (2) are more than the 1 voting member present');
  });

  it('refuses a majority with no more votes in favour than against', () => {
    assert.equal(voteProblems(vote('majority', 3, 3, 0), 8).votesFor, 'A resolution carried by a majority needs more votes in favour than against');
    assert.equal(voteProblems(vote('majority', 2, 4, 0), 8).votesFor, 'A resolution carried by a majority needs more votes in favour than against');
    assert.equal(voteProblems(vote('majority', 0, null, 0), 8).votesFor, 'A resolution carried by a majority needs more votes in favour than against');
    assert.equal(voteProblems(vote('majority'), 8).votesFor, 'Enter the number of votes in favour');
  });

  it('refuses a noted resolution that carries numbers', () => {
    assert.equal(voteProblems(vote('noted', 5, 0, 0), 8).votesFor, 'A resolution that was noted has no vote: leave the numbers empty');
    assert.equal(voteProblems(vote('noted', null, null, 2), 8).votesFor, 'A resolution that was noted has no vote: leave the numbers empty');
    assert.deepEqual(voteProblems(vote('noted'), 8), {});
    assert.deepEqual(voteProblems(vote('noted', 0, 0, 0), 8), {});
  });

  it('checks lost motions and unanimous resolutions', () => {
    assert.deepEqual(voteProblems(vote('lost', 3, 5, 0), 8), {});
    assert.deepEqual(voteProblems(vote('lost', 4, 4, 0), 8), {});
    assert.equal(voteProblems(vote('lost', 5, 3, 0), 8).votesAgainst, 'A motion that was lost needs at least as many votes against as in favour');
    assert.deepEqual(voteProblems(vote('unanimous'), 8), {});
    assert.deepEqual(voteProblems(vote('unanimous', 8, 0, 0), 8), {});
    assert.equal(voteProblems(vote('unanimous', 7, 1, 0), 8).votesAgainst, 'A unanimous resolution has no votes against');
    assert.equal(voteProblems(vote('unanimous', 9, null, null), 8).votesFor, 'The votes recorded (9) are more than the 8 voting members present');
  });
});

describe('how a decision reads', () => {
  it('words each outcome exactly', () => {
    assert.equal(decisionText(vote('unanimous')), 'unanimously');
    assert.equal(decisionText(vote('noted')), 'noted');
    assert.equal(decisionText(vote('majority', 7, 0, 1)), 'by a majority (7 votes in favour, 0 against, 1 abstention)');
    assert.equal(decisionText(vote('majority', 1, 0, 2)), 'by a majority (1 vote in favour, 0 against, 2 abstentions)');
    assert.equal(decisionText(vote('majority', 5, null, null)), 'by a majority (5 votes in favour, 0 against, 0 abstentions)');
    assert.equal(decisionText(vote('lost', 3, 5, 0)), 'lost (3 votes in favour, 5 against, 0 abstentions)');
  });

  it('writes the sentence before the lettered resolutions', () => {
    assert.equal(resolvedPreamble([]), '');
    assert.equal(resolvedPreamble([vote('noted'), vote('noted')]), 'It was resolved to note:');
    assert.equal(resolvedPreamble([vote('unanimous'), vote('unanimous')]), 'It was resolved unanimously to:');
    assert.equal(
      resolvedPreamble([vote('majority', 7, 0, 1), vote('majority', 7, 0, 1)]),
      'It was resolved by a majority (7 votes in favour, 0 against, 1 abstention) to:',
    );
    assert.equal(resolvedPreamble([vote('majority', 7, 0, 1), vote('majority', 6, 1, 1)]), 'It was resolved to:');
    assert.equal(resolvedPreamble([vote('unanimous'), vote('noted')]), 'It was resolved to:');
    assert.equal(resolvedPreamble([vote('unanimous'), vote('majority', 7, 0, 1)]), 'It was resolved to:');
    assert.equal(resolvedPreamble([vote('lost', 3, 5, 0)]), 'It was resolved to:');
  });

  it('joins attendance names with commas and a final "and"', () => {
    assert.equal(joinNames([]), '');
    assert.equal(joinNames(['A Costello']), 'A Costello');
    assert.equal(joinNames(['A Smith', 'A Costello', 'S Criswell']), 'A Smith, A Costello and S Criswell');
  });
});

describe('quorumWarning', () => {
  it('warns only when fewer voting members are present than the quorum', () => {
    assert.equal(quorumWarning(3, 2), 'The meeting is not quorate: 2 voting members are recorded as present and the quorum is 3');
    assert.equal(quorumWarning(3, 1), 'The meeting is not quorate: 1 voting member is recorded as present and the quorum is 3');
    assert.equal(quorumWarning(3, 3), null);
    assert.equal(quorumWarning(3, 8), null);
    assert.equal(quorumWarning(null, 0), null);
    assert.equal(quorumWarning(0, 0), null);
  });
});

describe('actions', () => {
  const today = '2018-07-05';

  it('is overdue the day after its due date, not on it', () => {
    assert.equal(actionState({ status: 'ongoing', dueDate: today }, today), 'ongoing');
    assert.equal(actionState({ status: 'ongoing', dueDate: today }, plusDays(today, 1)), 'overdue');
    assert.equal(actionState({ status: 'ongoing', dueDate: plusDays(today, 10) }, today), 'ongoing');
    assert.equal(actionState({ status: 'ongoing', dueDate: null }, today), 'ongoing');
  });

  it('is never overdue once completed', () => {
    assert.equal(actionState({ status: 'completed', dueDate: '2018-01-01' }, today), 'completed');
    assert.equal(actionState({ status: 'completed', dueDate: null }, today), 'completed');
  });

  it('is due a reminder from 7 days before the due date, and an overdue one after it', () => {
    assert.equal(REMIND_DAYS_BEFORE, 7);
    assert.equal(reminderDue({ status: 'ongoing', dueDate: plusDays(today, 8) }, today), null);
    assert.equal(reminderDue({ status: 'ongoing', dueDate: plusDays(today, 7) }, today), 'due_soon');
    assert.equal(reminderDue({ status: 'ongoing', dueDate: plusDays(today, 3) }, today), 'due_soon');
    assert.equal(reminderDue({ status: 'ongoing', dueDate: today }, today), 'due_soon');
    assert.equal(reminderDue({ status: 'ongoing', dueDate: plusDays(today, -1) }, today), 'overdue');
    assert.equal(reminderDue({ status: 'ongoing', dueDate: '2018-01-01' }, today), 'overdue');
    // Across a month end and a year end.
    assert.equal(reminderDue({ status: 'ongoing', dueDate: '2019-01-03' }, '2018-12-27'), 'due_soon');
    assert.equal(reminderDue({ status: 'ongoing', dueDate: '2019-01-04' }, '2018-12-27'), null);
  });

  it('sends no reminder for a completed or undated action', () => {
    assert.equal(reminderDue({ status: 'completed', dueDate: plusDays(today, -3) }, today), null);
    assert.equal(reminderDue({ status: 'completed', dueDate: plusDays(today, 3) }, today), null);
    assert.equal(reminderDue({ status: 'ongoing', dueDate: null }, today), null);
  });
});

describe('unwritten minutes', () => {
  const minute = (id: string, over: Partial<{ discussion: string; withdrawn: boolean; noDiscussion: boolean }> = {}) => ({
    id,
    number: Number(id),
    title: `Item ${id}`,
    discussion: '',
    withdrawn: false,
    noDiscussion: false,
    ...over,
  });

  it('are those with no discussion and no resolution, not withdrawn and not confirmed as having none', () => {
    const minutes = [
      minute('1', { discussion: 'Members noted the report.' }),
      minute('2'),
      minute('3', { discussion: '  \n ' }),
      minute('4', { withdrawn: true }),
      minute('5', { noDiscussion: true }),
      minute('6'),
      minute('7'),
    ];
    assert.deepEqual(
      unwrittenMinutes(minutes, new Set(['6'])).map((m) => m.id),
      ['2', '3', '7'],
    );
    assert.deepEqual(
      unwrittenMinutes(minutes, new Set(['6']), new Set(['2', '7'])).map((m) => m.id),
      ['3'],
    );
  });

  it('read "No discussion recorded." only when confirmed so and left blank', () => {
    assert.equal(discussionText({ discussion: '', noDiscussion: true }), 'No discussion recorded.');
    assert.equal(discussionText({ discussion: '', noDiscussion: false }), '');
    assert.equal(discussionText({ discussion: 'Written later.', noDiscussion: true }), 'Written later.');
  });
});
