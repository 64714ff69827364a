// The partnership lifecycle as dated events, and what it says about any given date.
// Pure functions: the landscape view, the list filters and the API all derive status from here.
import { formatDate } from '../calendar/format.ts';

export const EVENT_KINDS = ['established', 'renamed', 'restructured', 'merged_into', 'replaced_by', 'decommissioned', 'wound_up'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type PartnershipStatus = 'not_yet_established' | 'active' | 'decommissioned' | 'wound_up' | 'merged' | 'replaced';

export interface LifecycleEventLike {
  kind: EventKind;
  eventDate: string; // YYYY-MM-DD
  previousName?: string | null;
}

const ENDING: Partial<Record<EventKind, PartnershipStatus>> = {
  decommissioned: 'decommissioned',
  wound_up: 'wound_up',
  merged_into: 'merged',
  replaced_by: 'replaced',
};

function byDate<T extends LifecycleEventLike>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.eventDate.localeCompare(b.eventDate));
}

/** Events that change whether a partnership exists; renames and restructures do not. */
const STATUS_KINDS: EventKind[] = ['established', 'decommissioned', 'wound_up', 'merged_into', 'replaced_by'];

/**
 * The status on `asAt`. Events on the day count (a company wound down on 30 September no longer
 * operates on 30 September). A partnership with no establishment or ending events is taken as
 * active: the register often inherits bodies whose start nobody recorded. On one day, an
 * establishment comes first and a formal decommissioning or winding up last (Cambridgeshire
 * Together was both replaced and decommissioned on 23 November 2010). The SQL in partnerships.repository.ts mirrors this.
 */
export function statusAt(events: readonly LifecycleEventLike[], asAt: string): PartnershipStatus {
  const relevant = events.filter((e) => STATUS_KINDS.includes(e.kind)).sort((a, b) => a.eventDate.localeCompare(b.eventDate) || rank(a.kind) - rank(b.kind));
  const past = relevant.filter((e) => e.eventDate <= asAt);
  const last = past[past.length - 1];
  if (!last) return relevant.some((e) => e.kind === 'established') ? 'not_yet_established' : 'active';
  return ENDING[last.kind] ?? 'active';
}

/** Same-day order: an establishment first, then a merger or replacement, then the formal end. */
const rank = (kind: EventKind) => (kind === 'established' ? 0 : kind === 'merged_into' || kind === 'replaced_by' ? 1 : 2);

export function isActiveAt(events: readonly LifecycleEventLike[], asAt: string): boolean {
  return statusAt(events, asAt) === 'active';
}

/** The name in use on `asAt`: renames after that date carry the earlier name. */
export function nameAt(currentName: string, events: readonly LifecycleEventLike[], asAt: string): string {
  const laterRename = byDate(events).find((e) => e.kind === 'renamed' && e.eventDate > asAt && e.previousName);
  return laterRename?.previousName ?? currentName;
}

/** When a partnership started and, if it has ended, when: for display on lists and pages. */
export function lifespan(events: readonly LifecycleEventLike[]): { start: string | null; end: string | null } {
  const sorted = byDate(events);
  const start = sorted.find((e) => e.kind === 'established')?.eventDate ?? null;
  const last = [...sorted].reverse().find((e) => STATUS_KINDS.includes(e.kind));
  return { start, end: last && ENDING[last.kind] ? last.eventDate : null };
}

/**
 * Checks a new event against the ones already recorded. Nothing can happen to a partnership
 * before it was established. Returns the problem, or null when the event fits.
 */
export function checkNewEvent(existing: readonly LifecycleEventLike[], event: LifecycleEventLike): string | null {
  const sorted = byDate(existing);
  const established = sorted.find((e) => e.kind === 'established');
  if (event.kind !== 'established' && established && event.eventDate < established.eventDate) {
    return `The date must be on or after the date the partnership was established (${formatDate(established.eventDate)})`;
  }
  const firstOther = sorted.find((e) => e.kind !== 'established');
  if (event.kind === 'established' && firstOther && event.eventDate > firstOther.eventDate) {
    return `The partnership cannot be established after its first recorded event (${formatDate(firstOther.eventDate)})`;
  }
  return null;
}
