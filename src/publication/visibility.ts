// What the public may see of a record is decided in one place: the SQL functions public_<kind>(id) of
// migration 0010_public_view.sql. Repositories use these helpers to ask them, so that a public answer
// that names another record (a plan's partnership, an endorsement's resolution, a timeline's related
// partnership) names it only when the public may see that record too.

/** The kinds of record with a public view. */
export type PublicKind =
  | 'partnership'
  | 'body'
  | 'meeting'
  | 'agenda_item'
  | 'minute'
  | 'resolution'
  | 'plan'
  | 'portfolio_item'
  | 'indicator'
  | 'outside_body';

const FUNCTION: Record<PublicKind, string> = {
  partnership: 'public_partnership',
  body: 'public_body',
  meeting: 'public_meeting',
  agenda_item: 'public_agenda_item',
  minute: 'public_minute',
  resolution: 'public_resolution',
  plan: 'public_plan',
  portfolio_item: 'public_portfolio_item',
  indicator: 'public_indicator',
  outside_body: 'public_outside_body',
};

/** SQL that is true when the public may see the record of this kind whose id is `idColumn` (a column reference, never data). */
export function isPublic(kind: PublicKind, idColumn: string): string {
  if (!/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/.test(idColumn)) throw new Error(`Not a column reference: ${idColumn}`);
  return `${FUNCTION[kind]}(${idColumn})`;
}

/**
 * A joined record's column as this audience may see it: for the public, null unless the record is
 * public itself; for staff, the column as it is.
 */
export function shownTo(publicOnly: boolean, kind: PublicKind, idColumn: string, expression: string): string {
  return publicOnly ? `case when ${isPublic(kind, idColumn)} then ${expression} end` : expression;
}

/** The views of migration 0038 that hold the same rules as the functions, as sets of ids. */
const SET: Partial<Record<PublicKind, string>> = {
  meeting: 'public_meeting_ids',
  agenda_item: 'public_agenda_item_ids',
  minute: 'public_minute_ids',
  resolution: 'public_resolution_ids',
};

/**
 * The same test as isPublic, written as membership of the kind's public set, which the planner can join
 * (a hash semi-join) instead of asking the function once per row: for a list that filters many rows
 * (the decisions register, the latest papers). Where a kind has no set, the function.
 */
export function inPublicSet(kind: PublicKind, idColumn: string): string {
  const one = isPublic(kind, idColumn); // checks that idColumn is a column reference
  const set = SET[kind];
  return set ? `${idColumn} in (select id from ${set})` : one;
}
