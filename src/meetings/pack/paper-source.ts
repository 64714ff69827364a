// A paper that another capability supplies for an agenda item that has no report of its own: the
// minutes of an earlier meeting with the action log, and later generated reports. The composition
// root hands the sources to the meetings capability, so meetings never imports the capabilities
// that supply papers.
import type { Queryable } from '../../db/database.ts';
import type { ItemRow, MeetingRow } from '../meetings.repository.ts';

export type PackAudience = 'public' | 'members';
export type PackKind = 'main' | 'supplement';

export interface PaperSource {
  /** What the paper depends on, for the pack's signature; null when this source has no paper for the item and audience. */
  fingerprint(db: Queryable, tenantId: string, item: ItemRow, audience: PackAudience): Promise<string | null>;
  /** The paper as PDF pages. */
  render(
    db: Queryable,
    tenantId: string,
    item: ItemRow,
    meeting: MeetingRow,
    options: { council: string; asAt: string; audience: PackAudience },
  ): Promise<Uint8Array>;
}
