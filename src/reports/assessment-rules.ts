// The rules of a self-assessment (seed 000): its questions lettered in order (A to G, with the Audit
// Commission's sub-queries under G as G(i) to G(iv)); each sign-off step's deadlines, worked out from its
// meeting as the agenda's are (the draft is due by the meeting's draft-report deadline, the paper by the
// agenda despatch); and which steps are overdue, judged against today only while the assessment is open.
// Pure functions.
import type { HolidayCalendar } from '../calendar/bank-holidays.ts';
import { deriveMeetingDates, type DeadlineRules } from '../meetings/index.ts';

export type AssessmentState = 'open' | 'submitted' | 'closed';
export const ASSESSMENT_STATES: Record<AssessmentState, string> = { open: 'Open', submitted: 'Submitted', closed: 'Closed' };

export type StepStatus = 'planned' | 'paper_sent' | 'considered' | 'signed_off' | 'changes_asked' | 'skipped';
export const STEP_STATUSES: Record<StepStatus, string> = {
  planned: 'Planned',
  paper_sent: 'Paper sent',
  considered: 'Considered',
  signed_off: 'Signed off',
  changes_asked: 'Changes asked',
  skipped: 'Skipped',
};
export const isStepStatus = (v: unknown): v is StepStatus => typeof v === 'string' && Object.hasOwn(STEP_STATUSES, v);

/** 1 → A, 26 → Z, 27 → AA: the letters of a list of questions. */
export function letterOf(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`A question's place must be a whole number from 1, but was ${String(n)}`);
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** 1 → i, 4 → iv, 9 → ix: the numbers of sub-queries. */
export function romanOf(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > 3999) throw new RangeError(`A sub-query's place must be a whole number from 1 to 3999, but was ${String(n)}`);
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  let k = n;
  for (const [value, numeral] of table) {
    while (k >= value) {
      out += numeral;
      k -= value;
    }
  }
  return out;
}

export interface QuestionPlace {
  id: string;
  parentId: string | null;
  position: number;
}

/**
 * Each question's label from the order, not from anything typed: top-level questions A, B, C… by position;
 * a sub-query (i), (ii)… under its parent ("G(iii)"). A sub-query whose parent is not there is top-level.
 */
export function questionLabels(questions: readonly QuestionPlace[]): Map<string, string> {
  const ids = new Set(questions.map((q) => q.id));
  const byPosition = (a: QuestionPlace, b: QuestionPlace) => a.position - b.position || a.id.localeCompare(b.id);
  const top = questions.filter((q) => !q.parentId || !ids.has(q.parentId)).sort(byPosition);
  const labels = new Map<string, string>();
  top.forEach((q, i) => {
    const letter = letterOf(i + 1);
    labels.set(q.id, letter);
    questions
      .filter((s) => s.parentId === q.id)
      .sort(byPosition)
      .forEach((s, j) => labels.set(s.id, `${letter}(${romanOf(j + 1)})`));
  });
  return labels;
}

/** Questions in reading order: each top-level question followed by its sub-queries. */
export function inReadingOrder<T extends QuestionPlace>(questions: readonly T[]): T[] {
  const ids = new Set(questions.map((q) => q.id));
  const byPosition = (a: QuestionPlace, b: QuestionPlace) => a.position - b.position || a.id.localeCompare(b.id);
  const top = questions.filter((q) => !q.parentId || !ids.has(q.parentId)).sort(byPosition);
  return top.flatMap((q) => [q, ...questions.filter((s) => s.parentId === q.id).sort(byPosition)]);
}

export interface StepMeeting extends DeadlineRules {
  meetingDate: string;
}

export interface StepDeadlines {
  /** The draft must be ready by the meeting's draft-report deadline. */
  draftDue: string;
  /** The paper goes out with the agenda. */
  paperDue: string;
}

/** A step's deadlines from its meeting, in clear working days with bank holidays, as the meeting's agenda deadlines are. */
export function stepDeadlines(meeting: StepMeeting, holidays: HolidayCalendar): StepDeadlines {
  const dates = deriveMeetingDates(meeting.meetingDate, meeting, holidays);
  return { draftDue: dates.draftReportsDue, paperDue: dates.agendaDespatch };
}

export interface RouteStep {
  status: StepStatus;
  /** The meeting's date, or the step's own date outside a meeting (null when none is set). */
  date: string | null;
  deadlines: StepDeadlines | null;
}

export interface StepJudgement {
  overdue: boolean;
  /** Why, for the timeline: "The draft was due by 10 July 2009". */
  reason: string | null;
}

const DONE: readonly StepStatus[] = ['considered', 'signed_off', 'changes_asked', 'skipped'];

/**
 * Whether a step is overdue today. Only an open assessment has overdue steps: a submitted or closed one is
 * judged as finished, so a 2009 route never reads "overdue". A step the board has dealt with (considered,
 * signed off, changes asked, skipped) is never overdue. A planned step is overdue once its paper deadline has
 * passed with no paper sent; a paper sent is overdue once the meeting has passed without its outcome recorded.
 */
export function judgeStep(step: RouteStep, today: string, state: AssessmentState, format: (iso: string) => string = (d) => d): StepJudgement {
  const none = { overdue: false, reason: null };
  if (state !== 'open' || DONE.includes(step.status)) return none;
  if (step.deadlines && step.status === 'planned' && today > step.deadlines.paperDue)
    return { overdue: true, reason: `The paper was due by ${format(step.deadlines.paperDue)} and has not been sent` };
  if (step.date && today > step.date)
    return {
      overdue: true,
      reason: step.deadlines ? `The meeting was on ${format(step.date)}: record what the board did` : `This step was due on ${format(step.date)}`,
    };
  return none;
}

/** The step the route is waiting on: the first not yet dealt with, or null when every step is. */
export function currentStep<T extends Pick<RouteStep, 'status'>>(steps: readonly T[]): T | null {
  return steps.find((s) => !DONE.includes(s.status)) ?? null;
}

/** The version a step's paper could carry: the latest drafted on or before the paper deadline, or null when none was. */
export function versionBy<T extends { number: number; draftedOn: string }>(drafts: readonly T[], by: string): T | null {
  return drafts.filter((d) => d.draftedOn <= by).reduce<T | null>((best, d) => (!best || d.number > best.number ? d : best), null);
}

/** Whether the assessment can be changed: only while it is open. Submitting or closing it locks every entry. */
export const isLocked = (state: AssessmentState): boolean => state !== 'open';

/** What the page says about a locked assessment, and what a refused change says. */
export function lockedMessage(state: AssessmentState, submittedOn: string | null, format: (iso: string) => string = (d) => d): string {
  const when = state === 'submitted' && submittedOn ? ` on ${format(submittedOn)}` : '';
  return `This self-assessment was ${ASSESSMENT_STATES[state].toLowerCase()}${when}, so it can no longer be changed. To change it, reopen it first`;
}

/** Whether a step may be removed from the route: only while the board has not dealt with it (planned or paper sent). */
export const canRemoveStep = (status: StepStatus): boolean => !DONE.includes(status);

/** The files a version of the draft may be: Word (.docx) or PDF. */
export const DRAFT_FILE_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
};
export const isDraftFileType = (contentType: string): boolean => Object.hasOwn(DRAFT_FILE_TYPES, contentType);

export interface QuestionTree extends QuestionPlace {
  evidenceCount: number;
}

/**
 * What removing a question takes with it: its sub-queries, and the evidence of the question and of each
 * sub-query. The ids in the order they go (the question first).
 */
export function questionRemoval(questionId: string, questions: readonly QuestionTree[]): { ids: string[]; subQueries: number; evidence: number } {
  const q = questions.find((x) => x.id === questionId);
  if (!q) return { ids: [], subQueries: 0, evidence: 0 };
  const subs = questions.filter((x) => x.parentId === questionId);
  return { ids: [q.id, ...subs.map((s) => s.id)], subQueries: subs.length, evidence: [q, ...subs].reduce((n, x) => n + x.evidenceCount, 0) };
}

/** Where a question may move: under none, or under another top-level question; a question with sub-queries stays top-level. */
export function parentProblem(questionId: string, parentId: string | null, questions: readonly QuestionPlace[]): string | null {
  if (!parentId) return null;
  const parent = questions.find((x) => x.id === parentId);
  if (!parent || parent.parentId || parent.id === questionId) return 'Select the question this sits under from the list';
  if (questions.some((x) => x.parentId === questionId)) return 'This question has sub-queries of its own, so it cannot sit under another question';
  return null;
}
