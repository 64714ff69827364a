// Pure rules of the quarterly update to Cabinet (seed 001): quarters of the financial year, the product's
// draft of a partnership's summary of activity from what was recorded in the quarter, the approval step,
// and the contents list's page ranges ("A) Cambridgeshire Together (pages 2-5)").
import { financialYearLabel, financialYearOf, formatDate, MONTH_NAMES } from '../calendar/format.ts';

export interface Quarter {
  /** First day, e.g. 2009-04-01. */
  start: string;
  /** Last day, e.g. 2009-06-30. */
  end: string;
  /** Financial year it falls in (starting April of this year). */
  financialYear: number;
  /** 1 for April–June ... 4 for January–March. */
  number: number;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The calendar quarter containing an ISO date, named as the financial year's quarter. */
export function quarterOf(iso: string): Quarter {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const first = month - ((month - 1) % 3);
  const start = `${year}-${pad(first)}-01`;
  const endMonth = first + 2;
  const financialYear = financialYearOf(start);
  const number = ((first - 4 + 12) % 12) / 3 + 1;
  return {
    start,
    end: `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}`,
    financialYear,
    number,
    label: `Quarter ${number} ${financialYearLabel(financialYear)} (${MONTH_NAMES[first - 1]} to ${MONTH_NAMES[endMonth - 1]} ${year})`,
  };
}

/** A quarter named by its first day ("2009-04-01"); anything else is not one. */
export function parseQuarter(text: string): Quarter | null {
  const m = /^(\d{4})-(01|04|07|10)-01$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  return year >= 1990 && year <= 2100 ? quarterOf(text.trim()) : null;
}

export function previousQuarter(q: Quarter): Quarter {
  const d = new Date(`${q.start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 3);
  return quarterOf(d.toISOString().slice(0, 10));
}

// -- drafting ------------------------------------------------------------------------------------

export interface QuarterFacts {
  meetings: { bodyName: string; meetingDate: string; held: boolean }[];
  decisions: { meetingDate: string; text: string }[];
  indicators: { label: string; actual: string | null; target: string | null; onTarget: boolean | null }[];
  exceptions: { indicatorTitle: string; cause: string; actions: string }[];
  events: { kind: string; eventDate: string; description: string }[];
  plans: { title: string; done: number; total: number }[];
}

const EVENT_WORDS: Record<string, string> = {
  established: 'was established',
  renamed: 'was renamed',
  restructured: 'was restructured',
  merged_into: 'merged',
  replaced_by: 'was replaced',
  decommissioned: 'was decommissioned',
  wound_up: 'was wound up',
};

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const dayMonth = (iso: string) => formatDate(iso).replace(/ \d{4}$/, '');

/**
 * The product's draft of a summary of activity: one paragraph per kind of record, in the order the seed's
 * sections run (meetings and what they decided, performance, exceptions, the landscape, plans). The officer
 * rewrites it; an empty quarter says so rather than inventing activity.
 */
export function draftSummary(facts: QuarterFacts): string {
  const out: string[] = [];
  const held = facts.meetings.filter((m) => m.held);
  if (held.length) {
    out.push(`Since the last report to Cabinet, ${list(held.map((m) => `the ${m.bodyName} met on ${dayMonth(m.meetingDate)}`))}.`);
  }
  for (const d of facts.decisions) out.push(`At its meeting on ${dayMonth(d.meetingDate)} it agreed: ${d.text.trim().replace(/\.?$/, '.')}`);
  const measured = facts.indicators.filter((i) => i.actual !== null);
  if (measured.length) {
    const parts = measured.map(
      (i) => `${i.label}: ${i.actual}${i.target ? ` against a target of ${i.target}` : ''}${i.onTarget === false ? ' (off target)' : ''}`,
    );
    out.push(`Performance this quarter: ${parts.join('; ')}.`);
  }
  for (const e of facts.exceptions) {
    out.push(
      `An exception report for ${e.indicatorTitle} was considered.${e.cause ? ` ${e.cause.trim().replace(/\.?$/, '.')}` : ''}${e.actions ? ` Actions: ${e.actions.trim().replace(/\.?$/, '.')}` : ''}`,
    );
  }
  for (const e of facts.events)
    out.push(
      `On ${formatDate(e.eventDate)} the partnership ${EVENT_WORDS[e.kind] ?? e.kind}${e.description ? `: ${e.description.trim().replace(/\.?$/, '.')}` : '.'}`,
    );
  const plans = facts.plans.filter((p) => p.total > 0);
  if (plans.length) out.push(`Plan progress: ${plans.map((p) => `${p.title}, ${p.done} of ${p.total} actions complete`).join('; ')}.`);
  return out.length ? out.join('\n\n') : 'Nothing was recorded for this partnership in the quarter.';
}

// -- approval ------------------------------------------------------------------------------------

export type UpdateState = 'draft' | 'submitted' | 'approved';

/** Editing an approved update returns it to draft: the lead member approves what Cabinet reads, not an earlier text. */
export const stateAfterEdit = (_state: UpdateState): UpdateState => 'draft';
export const canApprove = (state: UpdateState | null): boolean => state === 'submitted';

// -- contents ------------------------------------------------------------------------------------

/** "pages 2-5", or "page 5" when a section fits on one page. */
export function pageRange(first: number, last: number): string {
  return first === last ? `page ${first}` : `pages ${first}-${last}`;
}

/** The contents list: each partnership lettered A, B, ... with its page range. */
export function contentsLines(sections: { name: string; first: number; last: number }[]): string[] {
  return sections.map((s, i) => `${String.fromCharCode(65 + (i % 26))}) ${s.name} (${pageRange(s.first, s.last)})`);
}

/** Whether an actual meets its target, given which way is better; null when either is missing. */
export function onTarget(actual: number | null, target: number | null, polarity: string): boolean | null {
  if (actual === null || target === null || polarity === 'not_applicable') return null;
  return polarity === 'lower_is_better' ? actual <= target : actual >= target;
}
