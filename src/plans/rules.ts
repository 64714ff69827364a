// The rules of plans, as pure functions: scoring on a risk matrix and mapping the score to a priority
// level (seed 003), expected progress and the RAG it gives an action, overdue actions and milestones,
// recurrences ("Refreshed annually") and their next review date, month dates as plans print them
// ("April 2018", "May-18"), a plan's stage (live, ended, closed) and the date its actions are judged at,
// and dependency cycles.
import { formatDate, MONTH_NAMES } from '../calendar/format.ts';

// ---- Risk matrix ---------------------------------------------------------------------------------------

export interface RiskMatrix {
  likelihoodLabels: string[];
  impactLabels: string[];
  /** levelMinimums[k] is the lowest score at level k + 1, highest first; lower scores are the last level. */
  levelMinimums: number[];
}

/** A 5 × 5 matrix with three levels: 15–25 is level 1, 8–14 level 2, 1–7 level 3. */
export const DEFAULT_MATRIX: RiskMatrix = {
  likelihoodLabels: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
  impactLabels: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  levelMinimums: [15, 8],
};

export const levelCount = (m: RiskMatrix) => m.levelMinimums.length + 1;
export const maxScore = (m: RiskMatrix) => m.likelihoodLabels.length * m.impactLabels.length;

/** Problems with a matrix a partnership configures; empty when it can be used. */
export function matrixProblems(m: RiskMatrix): string[] {
  const problems: string[] = [];
  if (m.likelihoodLabels.length < 2 || m.likelihoodLabels.length > 10) problems.push('The likelihood scale needs 2 to 10 points');
  if (m.impactLabels.length < 2 || m.impactLabels.length > 10) problems.push('The impact scale needs 2 to 10 points');
  if ([...m.likelihoodLabels, ...m.impactLabels].some((l) => !l.trim())) problems.push('Every point on a scale needs a name');
  if (m.levelMinimums.length < 1) problems.push('Give the lowest score of at least one level');
  if (m.levelMinimums.some((n) => !Number.isInteger(n) || n < 2 || n > maxScore(m))) {
    problems.push(`Each level's lowest score must be a whole number from 2 to ${maxScore(m)}`);
  }
  if (m.levelMinimums.some((n, k) => k > 0 && n >= m.levelMinimums[k - 1]!)) problems.push('Each level must start at a lower score than the level above it');
  return problems;
}

/** Likelihood × impact, each on its scale from 1. */
export function riskScore(likelihood: number, impact: number, m: RiskMatrix = DEFAULT_MATRIX): number {
  if (!Number.isInteger(likelihood) || likelihood < 1 || likelihood > m.likelihoodLabels.length) {
    throw new RangeError(`Likelihood must be from 1 to ${m.likelihoodLabels.length}`);
  }
  if (!Number.isInteger(impact) || impact < 1 || impact > m.impactLabels.length) throw new RangeError(`Impact must be from 1 to ${m.impactLabels.length}`);
  return likelihood * impact;
}

/** The priority level a score maps to: 1 is the most urgent. */
export function priorityLevel(score: number, m: RiskMatrix = DEFAULT_MATRIX): number {
  const k = m.levelMinimums.findIndex((min) => score >= min);
  return k === -1 ? levelCount(m) : k + 1;
}

export interface ScoredTask {
  likelihood: number | null;
  impact: number | null;
  levelOverride: number | null;
}

/** A task's level: scored from the matrix, overridden where a reason was recorded, or none yet. */
export function taskLevel(t: ScoredTask, m: RiskMatrix = DEFAULT_MATRIX) {
  const score = t.likelihood !== null && t.impact !== null ? riskScore(t.likelihood, t.impact, m) : null;
  const scoredLevel = score === null ? null : priorityLevel(score, m);
  return { score, scoredLevel, level: t.levelOverride ?? scoredLevel, overridden: t.levelOverride !== null && t.levelOverride !== scoredLevel };
}

export interface HeatCell<T> {
  likelihood: number;
  impact: number;
  score: number;
  level: number;
  items: T[];
}

/** The matrix as rows from the most likely down, each cell with its level and the items placed on it. */
export function heatMap<T>(items: T[], place: (item: T) => { likelihood: number; impact: number } | null, m: RiskMatrix = DEFAULT_MATRIX): HeatCell<T>[][] {
  const rows: HeatCell<T>[][] = [];
  for (let l = m.likelihoodLabels.length; l >= 1; l--) {
    const row: HeatCell<T>[] = [];
    for (let i = 1; i <= m.impactLabels.length; i++) row.push({ likelihood: l, impact: i, score: l * i, level: priorityLevel(l * i, m), items: [] });
    rows.push(row);
  }
  for (const item of items) {
    const at = place(item);
    if (!at) continue;
    rows[m.likelihoodLabels.length - at.likelihood]?.[at.impact - 1]?.items.push(item);
  }
  return rows;
}

// ---- Dates as plans print them ---------------------------------------------------------------------------

const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A date as a plan gives it: "April 2018", "Apr 2018", "May-18", "30 April 2018", "30/04/2018" or "2018-04-30".
 * A month alone is its first day, or its last with `end` (an action continuing until May 2020 runs to
 * 31 May). Null when it is not a date, or outside 1900–2100.
 */
export function parsePlanDate(text: string, { end = false } = {}): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let y: number,
    m: number,
    d: number | null = null;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(?:(\d{1,2}) )?([a-z]+)[ -](\d{2}|\d{4})$/.exec(t))) {
    const name = match[2]!;
    const index = name.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(name) && (name.length === 3 || month === name || name === 'sept')) : -1;
    if (index === -1) return null;
    m = index + 1;
    y = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    if (match[1]) d = Number(match[1]);
  } else return null;
  if (y < 1900 || y > 2100 || m < 1 || m > 12) return null;
  if (d === null) d = end ? daysInMonth(y, m) : 1;
  if (d < 1 || d > daysInMonth(y, m)) return null;
  return iso(y, m, d);
}

/** "April 2018" for a date on the first or last of its month, "30 April 2018" otherwise. */
export function formatPlanDate(date: string | null): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = MONTHS[m - 1]!.replace(/^./, (c) => c.toUpperCase());
  return d === 1 || d === daysInMonth(y, m) ? `${month} ${y}` : `${d} ${month} ${y}`;
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12),
    nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

// ---- Recurrence ----------------------------------------------------------------------------------------

export const RECURRENCES = ['monthly', 'quarterly', 'six_monthly', 'annual'] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export const RECURRENCE_MONTHS: Record<Recurrence, number> = { monthly: 1, quarterly: 3, six_monthly: 6, annual: 12 };

/**
 * The recurrence in a plan's "continues until" column: "Refreshed annually", "Reviewed yearly",
 * "Reviewed biannually" (twice a year, as councils use it), "Refreshed quarterly". Null otherwise.
 */
export function parseRecurrence(text: string): Recurrence | null {
  const t = text.trim().toLowerCase();
  if (/\b(biannually|bi-annually|half[- ]yearly|six[- ]monthly|twice (a|each) year|every six months)\b/.test(t)) return 'six_monthly';
  if (/\b(annually|yearly|every year|each year)\b/.test(t)) return 'annual';
  if (/\b(quarterly|every quarter|each quarter)\b/.test(t)) return 'quarterly';
  if (/\b(monthly|every month|each month)\b/.test(t)) return 'monthly';
  return null;
}

/** After a review on `reviewedOn`, the next falls one recurrence later. */
export const nextReviewDate = (reviewedOn: string, recurrence: Recurrence) => addMonths(reviewedOn, RECURRENCE_MONTHS[recurrence]);

// ---- Progress, RAG and overdue -----------------------------------------------------------------------------

export const ACTION_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type Rag = 'green' | 'amber' | 'red' | 'grey';

export interface ActionProgress {
  status: ActionStatus;
  percentComplete: number | null;
  firstMilestone: string | null;
  continuesUntil: string | null;
  recurrence: Recurrence | null;
  nextReview: string | null;
  ragOverride?: 'green' | 'amber' | 'red' | null;
}

/** How far through its time an action should be on `today`, 0–100; null when it has no end (it recurs). */
export function expectedProgress(start: string | null, end: string | null, today: string): number | null {
  if (!end) return null;
  if (!start || dayNumber(end) <= dayNumber(start)) return today >= end ? 100 : 0;
  const share = (dayNumber(today) - dayNumber(start)) / (dayNumber(end) - dayNumber(start));
  return Math.round(Math.min(1, Math.max(0, share)) * 100);
}

/** Percentage points behind expected progress that are still green, and still amber. */
export const GREEN_SHORTFALL = 10;
export const AMBER_SHORTFALL = 25;

/** The date an action is next due: its end, or for a recurring action its next review. */
export const dueOn = (a: ActionProgress) => (a.recurrence ? a.nextReview : a.continuesUntil);

export function isOverdue(a: ActionProgress, today: string): boolean {
  if (a.status === 'completed' || a.status === 'deferred') return false;
  const due = dueOn(a);
  return due !== null && due < today;
}

/** The first milestone has passed and the action has not started. */
export const milestoneOverdue = (a: ActionProgress, today: string) =>
  a.status === 'not_started' && !(a.percentComplete && a.percentComplete > 0) && a.firstMilestone !== null && a.firstMilestone < today;

/**
 * The RAG of an action, with why. Completed is green, deferred grey. Overdue is red. Otherwise the
 * percent complete against expected progress (up to 10 points behind green, up to 25 amber, more red);
 * without a percent, the reported status (a late start is amber). A recorded override wins.
 */
export function actionRag(a: ActionProgress, today: string): { rag: Rag; derived: Rag; reason: string; expected: number | null } {
  const expected = expectedProgress(a.firstMilestone, a.continuesUntil, today);
  const derive = (): { rag: Rag; reason: string } => {
    if (a.status === 'completed') return { rag: 'green', reason: 'Completed' };
    if (a.status === 'deferred') return { rag: 'grey', reason: 'Deferred' };
    if (isOverdue(a, today)) return { rag: 'red', reason: a.recurrence ? 'Review overdue' : 'Past its end date and not completed' };
    if (a.percentComplete !== null && expected !== null) {
      const shortfall = expected - a.percentComplete;
      const where = `${a.percentComplete}% complete against ${expected}% expected`;
      if (shortfall <= GREEN_SHORTFALL) return { rag: 'green', reason: where };
      return shortfall <= AMBER_SHORTFALL ? { rag: 'amber', reason: where } : { rag: 'red', reason: where };
    }
    if (a.status === 'off_track') return { rag: 'red', reason: 'Reported off track' };
    if (a.status === 'at_risk') return { rag: 'amber', reason: 'Reported at risk' };
    if (milestoneOverdue(a, today)) return { rag: 'amber', reason: 'Not started and the first milestone has passed' };
    return { rag: 'green', reason: a.status === 'on_track' ? 'Reported on track' : 'Not due to start yet' };
  };
  const { rag, reason } = derive();
  return a.ragOverride ? { rag: a.ragOverride, derived: rag, reason: 'Set by hand', expected } : { rag, derived: rag, reason, expected };
}

// ---- Plan periods: live, ended, closed -------------------------------------------------------------------

export interface PlanPeriod {
  startsOn: string | null;
  endsOn: string | null;
  closedOn: string | null;
}
export const PLAN_STAGES = ['live', 'ended', 'closed'] as const;
export type PlanStage = (typeof PLAN_STAGES)[number];

/**
 * Where a plan stands on `today`, and the date its actions are judged at. A live plan is judged against
 * today. A closed plan is judged as at its close date, for ever. A plan whose period has ended but which
 * nobody has closed is judged at its end: an officer opening a 2018–2020 plan in 2026 expects how it
 * stood when it finished, not six years of "overdue" against a date nobody is working to.
 */
export function planStage(p: PlanPeriod, today: string): { stage: PlanStage; asAt: string } {
  if (p.closedOn) return { stage: 'closed', asAt: p.closedOn };
  if (p.endsOn && p.endsOn < today) return { stage: 'ended', asAt: p.endsOn };
  return { stage: 'live', asAt: today };
}

export interface AssessedAction {
  rag: Rag;
  derived: Rag;
  reason: string;
  expected: number | null;
  overdue: boolean;
  milestoneOverdue: boolean;
  stage: PlanStage;
  asAt: string;
}

/**
 * An action judged for its plan's stage. In a live plan, actionRag against today, with overdue actions
 * and late starts. Once the plan is over (ended or closed) nothing is overdue and nobody is chased, and
 * the RAG is judged at the plan's end or close date, except where that would turn silence into a verdict:
 * an action with no progress recorded, or whose last report came before it fell due, is "Not assessed"
 * (grey), saying since when. Red then means someone reported it off track or not done, never that the
 * record simply stops.
 *
 * A closed plan's RAG is worked out again on each read rather than stored as a snapshot: closing refuses
 * any further change to its actions and progress, so the inputs are frozen and the same rule gives the
 * same answer, with its reason, from one stored date.
 */
export function assessAction(a: ActionProgress & { lastUpdateOn: string | null }, plan: PlanPeriod, today: string): AssessedAction {
  const { stage, asAt } = planStage(plan, today);
  const judged = actionRag(a, asAt);
  if (stage === 'live') return { ...judged, overdue: isOverdue(a, today), milestoneOverdue: milestoneOverdue(a, today), stage, asAt };
  const over = { overdue: false, milestoneOverdue: false, stage, asAt };
  const when = stage === 'closed' ? 'before the plan was closed' : 'before the plan ended';
  const settled = a.status === 'completed' || a.status === 'deferred' || a.ragOverride;
  if (settled) return { ...judged, ...over };
  const due = dueOn(a);
  if (a.lastUpdateOn === null) {
    return { ...judged, rag: 'grey', derived: 'grey', reason: `Not assessed: no progress recorded ${when}`, ...over };
  }
  if (due !== null && due < asAt && a.lastUpdateOn < due) {
    return { ...judged, rag: 'grey', derived: 'grey', reason: `Not assessed: last reported on ${formatDate(a.lastUpdateOn)}, before it was due`, ...over };
  }
  return { ...judged, ...over };
}

/**
 * Why a plan cannot be closed on `closedOn`, by field (`_` for the plan as a whole); empty when it can.
 * `latestUpdate` is the date of its latest progress update.
 */
export function closeProblems(plan: PlanPeriod, closedOn: string, today: string, latestUpdate: string | null): { _?: string; closedOn?: string } {
  if (plan.closedOn) return { _: `The plan was already closed on ${formatDate(plan.closedOn)}` };
  if (closedOn > today) return { closedOn: 'The date closed must be today or in the past' };
  if (plan.startsOn && closedOn < plan.startsOn) return { closedOn: `The date closed must be on or after the start of the plan, ${formatDate(plan.startsOn)}` };
  // Its position is judged as at the close, so progress recorded later would count in a position it postdates.
  if (latestUpdate && closedOn < latestUpdate)
    return { closedOn: `Progress was recorded on ${formatDate(latestUpdate)}: the date closed must be on or after it` };
  return {};
}

// ---- Dependencies --------------------------------------------------------------------------------------

/**
 * The path that adding `from → to` would close into a cycle, as labels ["1.4", "1.1", "1.4"], or null.
 * `edges` are the existing "depends on" pairs.
 */
export function dependencyCycle(edges: [string, string][], from: string, to: string): string[] | null {
  if (from === to) return [from, from];
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) next.set(a, [...(next.get(a) ?? []), b]);
  // A path from `to` back to `from` closes the loop.
  const previous = new Map<string, string>([[to, to]]);
  const queue = [to];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === from) {
      const path = [from];
      let step = from;
      while (step !== to) {
        step = previous.get(step)!;
        path.unshift(step);
      }
      return [from, ...path];
    }
    for (const n of next.get(at) ?? [])
      if (!previous.has(n)) {
        previous.set(n, at);
        queue.push(n);
      }
  }
  return null;
}

/** The refusal for a dependency that would close a cycle. */
export const cycleMessage = (path: string[], noun = 'action') =>
  `${noun[0]!.toUpperCase()}${noun.slice(1)} ${path[0]} cannot depend on ${path[1]}: that would make a circle (${path.join(' → ')})`;

/** The action references in a decision-making route: "Via action 1.4" → ["1.4"]. */
export function routeReferences(route: string): string[] {
  return [...route.matchAll(/\bvia actions? ((?:\d+\.\d+)(?:(?:,\s*|\s+and\s+)\d+\.\d+)*)/gi)].flatMap((m) => m[1]!.split(/,\s*|\s+and\s+/));
}

/** Sort references like 1.2, 1.10, 2.1 in plan order. */
export const compareReferences = (a: string, b: string) => {
  const pa = a.split('.').map(Number),
    pb = b.split('.').map(Number);
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const d = (pa[k] ?? -1) - (pb[k] ?? -1);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return a.localeCompare(b);
};

// ---- Risks ---------------------------------------------------------------------------------------------

export interface RiskScores {
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  reviewDate: string | null;
  status: string;
}

export const reviewOverdue = (r: RiskScores, today: string) => r.status === 'open' && r.reviewDate !== null && r.reviewDate < today;

/** Highest residual score first, then highest inherent. */
export const byResidualScore = <T extends RiskScores>(risks: T[]) =>
  [...risks].sort(
    (a, b) =>
      b.residualLikelihood * b.residualImpact - a.residualLikelihood * a.residualImpact ||
      b.inherentLikelihood * b.inherentImpact - a.inherentLikelihood * a.inherentImpact,
  );
