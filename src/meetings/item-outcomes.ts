// What a held meeting did with each item of its agenda: the item's minute and its decisions, for the
// public meeting page to link to. The minutes capability supplies them and the composition root hands
// the source over, so meetings never imports minutes (the same pattern as paper sources).
import type { Queryable } from '../db/database.ts';

export interface ItemDecision {
  /** The resolution's letter within its minute: a, b, c … */
  letter: string;
  text: string;
  /** How it was decided: 'Resolved unanimously', 'Noted' … */
  decision: string;
  keyDecisionRef: string | null;
  href: string;
}

export interface ItemOutcome {
  minuteNumber: number;
  minuteTitle: string;
  /** The minute in the meeting's public minutes. */
  href: string;
  /** Published as draft minutes, not yet approved. */
  draft: boolean;
  decisions: ItemDecision[];
}

export interface ItemOutcomeSource {
  /**
   * Each agenda item's minute and decisions, keyed by the agenda item's id: only minutes and
   * resolutions the public may see (published or approved minutes, never an exempt or withdrawn item).
   */
  publicOutcomes(db: Queryable, tenantId: string, meetingId: string): Promise<ReadonlyMap<string, ItemOutcome>>;
}
