// The rules behind changing and removing a self-assessment's entries, with seed 000's shape: questions A–G with the
// Audit Commission's four sub-queries under G and the demo's evidence under A and G(iii); the route's steps as the
// seed left them (considered, signed off, paper sent); the lock once the assessment is submitted; and the draft files
// a version may be.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canRemoveStep,
  isDraftFileType,
  isLocked,
  lockedMessage,
  parentProblem,
  questionLabels,
  questionRemoval,
  STEP_STATUSES,
  type StepStatus,
} from '../../src/reports/assessment-rules.ts';
import { formatDate } from '../../src/calendar/format.ts';

// Seed 000, paragraph 8: A–G, and G's four sub-queries (homelessness, worklessness, crime, community engagement).
const top = 'ABCDEFG'.split('').map((l, i) => ({ id: l, parentId: null, position: i + 1, evidenceCount: l === 'A' ? 2 : 0 }));
const subs = ['i', 'ii', 'iii', 'iv'].map((r, j) => ({ id: `G${r}`, parentId: 'G', position: j + 1, evidenceCount: r === 'iii' ? 2 : 0 }));
const seed = [...top, ...subs];

describe('removing a question', () => {
  it('takes G with its four sub-queries and the two pieces of evidence under G(iii)', () => {
    assert.deepEqual(questionRemoval('G', seed), { ids: ['G', 'Gi', 'Gii', 'Giii', 'Giv'], subQueries: 4, evidence: 2 });
  });
  it('takes a sub-query alone, with its own evidence', () => {
    assert.deepEqual(questionRemoval('Giii', seed), { ids: ['Giii'], subQueries: 0, evidence: 2 });
    assert.deepEqual(questionRemoval('A', seed), { ids: ['A'], subQueries: 0, evidence: 2 });
  });
  it('takes nothing for a question that is not there', () => {
    assert.deepEqual(questionRemoval('H', seed), { ids: [], subQueries: 0, evidence: 0 });
  });
  it('letters the rest again from their order: without B, C becomes B and G becomes F, its sub-queries F(i)–F(iv)', () => {
    const labels = questionLabels(seed.filter((q) => q.id !== 'B'));
    assert.equal(labels.get('C'), 'B');
    assert.equal(labels.get('G'), 'F');
    assert.equal(labels.get('Giii'), 'F(iii)');
  });
});

describe('moving a question', () => {
  it('may go under another top-level question, or stand on its own', () => {
    assert.equal(parentProblem('F', 'G', seed), null);
    assert.equal(parentProblem('Giii', null, seed), null);
    assert.equal(parentProblem('Giii', 'A', seed), null);
  });
  it('never under itself, a sub-query or a question that is not there', () => {
    assert.match(parentProblem('A', 'A', seed)!, /Select the question this sits under/);
    assert.match(parentProblem('A', 'Gi', seed)!, /Select the question this sits under/);
    assert.match(parentProblem('A', 'Z', seed)!, /Select the question this sits under/);
  });
  it('keeps a question with sub-queries at the top: G cannot go under A', () => {
    assert.match(parentProblem('G', 'A', seed)!, /has sub-queries of its own/);
  });
});

describe('removing a step of the sign-off route', () => {
  it('only while the board has not dealt with it: planned or paper sent (the formal submission of seed 000)', () => {
    const removable = (Object.keys(STEP_STATUSES) as StepStatus[]).filter(canRemoveStep);
    assert.deepEqual(removable, ['planned', 'paper_sent']);
    // Seed 000's route: the Public Service Board considered it, the Cambridgeshire Together Board signed it off.
    assert.equal(canRemoveStep('considered'), false);
    assert.equal(canRemoveStep('signed_off'), false);
    assert.equal(canRemoveStep('changes_asked'), false);
    assert.equal(canRemoveStep('skipped'), false);
  });
});

describe('the lock', () => {
  it('holds once the assessment is submitted or closed', () => {
    assert.equal(isLocked('open'), false);
    assert.equal(isLocked('submitted'), true);
    assert.equal(isLocked('closed'), true);
  });
  it('says why, with the date when there is one (seed 000 gives none)', () => {
    assert.equal(
      lockedMessage('submitted', '2009-07-24', formatDate),
      'This self-assessment was submitted on 24 July 2009, so it can no longer be changed. To change it, reopen it first',
    );
    assert.match(lockedMessage('submitted', null), /^This self-assessment was submitted, so it can no longer be changed/);
    assert.match(lockedMessage('closed', null), /^This self-assessment was closed, so/);
  });
});

describe('draft files', () => {
  it('are Word (.docx) or PDF', () => {
    assert.equal(isDraftFileType('application/pdf'), true);
    assert.equal(isDraftFileType('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), true);
    assert.equal(isDraftFileType('application/vnd.oasis.opendocument.text'), false);
    assert.equal(isDraftFileType('application/msword'), false);
    assert.equal(isDraftFileType('toString'), false);
  });
});
