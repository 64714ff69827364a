// Pure rules of site search: the kinds of record, where each result leads, what staff are told
// about a record the public cannot see, and the highlighted extract made safe for HTML.

export const SEARCH_KINDS = ['partnership', 'committee', 'meeting', 'agenda_item', 'report', 'minute', 'decision', 'councillor', 'indicator', 'plan'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const KIND_LABELS: Record<SearchKind, string> = {
  partnership: 'Partnership',
  committee: 'Committee or board',
  meeting: 'Meeting',
  agenda_item: 'Agenda item',
  report: 'Report',
  minute: 'Minute',
  decision: 'Decision',
  councillor: 'Councillor',
  indicator: 'Performance indicator',
  plan: 'Plan',
};

export const isSearchKind = (value: string): value is SearchKind => (SEARCH_KINDS as readonly string[]).includes(value);

/** Longer queries are refused: nobody types more, and each word costs the database work. */
export const MAX_QUERY_LENGTH = 200;

export interface ResultTarget {
  kind: SearchKind;
  id: string;
  meetingId: string | null;
}

/** Where a result leads: the public page for the public, the back-office page for staff. */
export function resultHref(r: ResultTarget, staff: boolean): string {
  const meeting = r.meetingId ?? '';
  switch (r.kind) {
    case 'partnership':
      return staff ? `/partnerships/${r.id}` : `/register/${r.id}`;
    case 'committee':
      return staff ? `/bodies/${r.id}` : `/committees/${r.id}`;
    case 'meeting':
      return staff ? `/meetings/${r.id}` : `/calendar/${r.id}`;
    case 'agenda_item':
      return staff ? `/meetings/${meeting}` : `/calendar/${meeting}`;
    case 'report':
      return staff ? `/meetings/${meeting}` : `/calendar/${meeting}`;
    case 'minute':
    case 'decision':
      return staff ? `/meetings/${meeting}/minutes` : `/calendar/${meeting}/minutes`;
    case 'councillor':
      return staff ? `/people/${r.id}` : `/councillors/${r.id}`;
    case 'indicator':
      return staff ? `/performance/indicators/${r.id}` : `/scorecard/indicators/${r.id}`;
    case 'plan':
      return staff ? `/plans/${r.id}` : `/delivery-plans/${r.id}`;
  }
}

/** What staff are told of a record the public cannot see; null when the public can. */
export function notPublishedLabel(isPublic: boolean, state: string | null): string | null {
  if (isPublic) return null;
  if (state === 'draft') return 'Draft';
  if (state === 'withdrawn') return 'Withdrawn';
  if (state === 'exempt') return 'Exempt: not published';
  if (state === 'private') return 'Private: not published';
  return 'Not published';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The extract as HTML: everything escaped first, then each \u0001…\u0002 pair from ts_headline
 * becomes <mark>…</mark>; a stray marker (one the record's own text held) is dropped.
 */
export function highlightedExtract(extract: string): string {
  return escapeHtml(extract)
    .replace(/\u0001([^\u0001\u0002]*)\u0002/g, '<mark>$1</mark>')
    .replace(/[\u0001\u0002]/g, '');
}
