// A followable query (issue 17): a public list (the calendar, a committee's meetings, the decisions
// register as filtered, a search) read strictly from that page's own address, and the addresses of the
// ways to follow it (Atom, iCalendar, an e-mail alert), all driven by the same canonical query.
// Pure: no database; whether a named committee is published is checked when the list is read.
import { parseDateInput } from '../web/form-input.ts';
import { isUuid } from '../web/schema.ts';

export type FollowQuery =
  | { kind: 'calendar'; bodyId: string | null }
  | { kind: 'committee'; bodyId: string }
  | { kind: 'decisions'; committee: string | null; from: string | null; to: string | null; q: string | null; ref: string | null }
  | { kind: 'search'; q: string; types: string[]; committee: string | null; from: string | null; to: string | null };

export type FollowKind = FollowQuery['kind'];

export type ParsedQuery = { ok: true; query: FollowQuery } | { ok: false; error: string };

/** Parameters a page uses for its view of the list (a page number, a month), which following ignores. */
const VIEW_KEYS = new Set(['page', 'when', 'month', 'done']);
const MAX_TEXT = 200;
const SEARCH_TYPE = /^[a-z_]{1,40}$/;
const COMMITTEE_PAGE = /^\/committees\/([^/]+)$/;

/** The message for a committee or board that is not there (or not published): a 404 for a feed. */
export const NO_SUCH_BODY = 'There is no such committee or board';

const NOT_FOLLOWABLE: ParsedQuery = { ok: false, error: 'This page cannot be followed: follow the calendar, a committee, the decisions register or a search' };

/** One value of a key: a key given twice is a garbled address. */
function single(params: URLSearchParams, key: string): { ok: true; value: string } | { ok: false } {
  const all = params.getAll(key);
  if (all.length > 1) return { ok: false };
  return { ok: true, value: (all[0] ?? '').replace(/\s+/g, ' ').trim() };
}

function unknownKey(params: URLSearchParams, allowed: readonly string[]): string | null {
  for (const key of params.keys()) if (!allowed.includes(key) && !VIEW_KEYS.has(key)) return key;
  return null;
}

/** A date given as the page's three boxes (from-day, from-month, from-year), or none. */
function dateOf(params: URLSearchParams, field: string, label: string): { ok: true; value: string | null } | { ok: false; error: string } {
  const parts = ['day', 'month', 'year'].map((p) => single(params, `${field}-${p}`));
  if (parts.some((p) => !p.ok)) return { ok: false, error: `${label} is given more than once` };
  const [day, month, year] = parts.map((p) => (p.ok ? p.value : ''));
  const parsed = parseDateInput({ day, month, year }, label);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error };
}

function committeeOf(params: URLSearchParams, key: string): { ok: true; value: string | null } | { ok: false; error: string } {
  const c = single(params, key);
  if (!c.ok) return { ok: false, error: 'Choose one committee or board' };
  if (!c.value) return { ok: true, value: null };
  return isUuid(c.value) ? { ok: true, value: c.value.toLowerCase() } : { ok: false, error: 'Choose a committee or board from the list' };
}

function textOf(params: URLSearchParams, key: string, label: string): { ok: true; value: string | null } | { ok: false; error: string } {
  const t = single(params, key);
  if (!t.ok) return { ok: false, error: `${label} is given more than once` };
  if (t.value.length > MAX_TEXT) return { ok: false, error: `${label} must be ${MAX_TEXT} characters or fewer` };
  return { ok: true, value: t.value || null };
}

type Step<T> = { ok: true; value: T } | { ok: false; error: string };
const firstError = (...steps: Step<unknown>[]) => steps.find((s): s is { ok: false; error: string } => !s.ok)?.error;

/**
 * The followable query of a public page, read strictly from its path and query string: an address that is
 * not a followable list, a key the page does not know, a value given twice or a value that is not valid is
 * refused with a message saying why.
 */
export function parseFollowQuery(path: string, params: URLSearchParams): ParsedQuery {
  const committeePage = COMMITTEE_PAGE.exec(path);
  if (committeePage) {
    const id = committeePage[1] ?? '';
    if (!isUuid(id)) return { ok: false, error: NO_SUCH_BODY };
    if (unknownKey(params, [])) return NOT_FOLLOWABLE;
    return { ok: true, query: { kind: 'committee', bodyId: id.toLowerCase() } };
  }
  if (path === '/calendar') {
    if (unknownKey(params, ['body'])) return NOT_FOLLOWABLE;
    const body = committeeOf(params, 'body');
    if (!body.ok) return body;
    return { ok: true, query: { kind: 'calendar', bodyId: body.value } };
  }
  if (path === '/decisions') {
    if (unknownKey(params, ['committee', 'q', 'ref', ...dateKeys('from'), ...dateKeys('to')])) return NOT_FOLLOWABLE;
    const committee = committeeOf(params, 'committee');
    const q = textOf(params, 'q', 'Subject');
    const ref = textOf(params, 'ref', 'Key decision reference');
    const from = dateOf(params, 'from', 'Date from');
    const to = dateOf(params, 'to', 'Date to');
    const error = firstError(committee, q, ref, from, to);
    if (error || !committee.ok || !q.ok || !ref.ok || !from.ok || !to.ok) return { ok: false, error: error ?? '' };
    if (from.value && to.value && from.value > to.value) return { ok: false, error: 'Date to must be the same as or after date from' };
    return { ok: true, query: { kind: 'decisions', committee: committee.value, from: from.value, to: to.value, q: q.value, ref: ref.value } };
  }
  if (path === '/search') {
    if (unknownKey(params, ['q', 'type', 'committee', ...dateKeys('from'), ...dateKeys('to')])) return NOT_FOLLOWABLE;
    const q = textOf(params, 'q', 'What you are looking for');
    const committee = committeeOf(params, 'committee');
    const from = dateOf(params, 'from', 'Date from');
    const to = dateOf(params, 'to', 'Date to');
    const error = firstError(q, committee, from, to);
    if (error || !q.ok || !committee.ok || !from.ok || !to.ok) return { ok: false, error: error ?? '' };
    if (!q.value) return { ok: false, error: 'Enter what you are looking for' };
    const types = [...new Set(params.getAll('type').filter((t) => t !== ''))].sort();
    if (types.some((t) => !SEARCH_TYPE.test(t))) return { ok: false, error: 'Select the kinds of record from the list' };
    if (from.value && to.value && from.value > to.value) return { ok: false, error: 'Date to must be the same as or after date from' };
    return { ok: true, query: { kind: 'search', q: q.value, types, committee: committee.value, from: from.value, to: to.value } };
  }
  return NOT_FOLLOWABLE;
}

const dateKeys = (field: string) => [`${field}-day`, `${field}-month`, `${field}-year`];

/** An ISO date as the page's three boxes, without leading zeros as people type them. */
function dateParams(field: string, iso: string | null): [string, string][] {
  if (!iso) return [];
  const [y, m, d] = iso.split('-');
  return [
    [`${field}-day`, String(Number(d))],
    [`${field}-month`, String(Number(m))],
    [`${field}-year`, y ?? ''],
  ];
}

const withQuery = (path: string, pairs: [string, string][]) => {
  const params = new URLSearchParams(pairs);
  return params.size ? `${path}?${params}` : path;
};

/** The list's path (without its query string). */
export function listPath(query: FollowQuery): string {
  switch (query.kind) {
    case 'committee':
      return `/committees/${query.bodyId}`;
    case 'calendar':
      return '/calendar';
    case 'decisions':
      return '/decisions';
    case 'search':
      return '/search';
  }
}

/** The canonical query string of the list (keys in one order, empty ones left out), with no leading '?'. */
export function canonicalParams(query: FollowQuery): [string, string][] {
  switch (query.kind) {
    case 'committee':
      return [];
    case 'calendar':
      return query.bodyId ? [['body', query.bodyId]] : [];
    case 'decisions':
      return [
        ...(query.committee ? ([['committee', query.committee]] as [string, string][]) : []),
        ...dateParams('from', query.from),
        ...dateParams('to', query.to),
        ...(query.q ? ([['q', query.q]] as [string, string][]) : []),
        ...(query.ref ? ([['ref', query.ref]] as [string, string][]) : []),
      ];
    case 'search':
      return [
        ['q', query.q],
        ...query.types.map((t): [string, string] => ['type', t]),
        ...(query.committee ? ([['committee', query.committee]] as [string, string][]) : []),
        ...dateParams('from', query.from),
        ...dateParams('to', query.to),
      ];
  }
}

/** The page's own address for this query: what each feed and alert links back to, and what an alert keeps. */
export const pageHref = (query: FollowQuery) => withQuery(listPath(query), canonicalParams(query));

/** The kinds of search result that belong to a meeting, and so have a date a calendar can show. */
export const MEETING_KINDS: readonly string[] = ['meeting', 'agenda_item', 'report', 'minute', 'decision'];

/**
 * Whether the list holds dates a calendar can show (meetings): the calendar, a committee's meetings, and a
 * search that looks among meetings, their agenda items, papers, minutes or decisions (its calendar holds
 * the meetings of its results).
 */
export const holdsDates = (query: FollowQuery) =>
  query.kind === 'calendar' ||
  query.kind === 'committee' ||
  (query.kind === 'search' && (query.types.length === 0 || query.types.some((t) => MEETING_KINDS.includes(t))));

/**
 * The ways to follow the list: its Atom feed (the list's address with .atom, the same query), its iCalendar
 * feed where it holds dates (.ics), and the alert sign-up page. A committee's list is its calendar.
 */
export function followLinks(query: FollowQuery) {
  const base = query.kind === 'committee' ? `/committees/${query.bodyId}/calendar` : listPath(query);
  const params = canonicalParams(query);
  return {
    kind: query.kind,
    page: pageHref(query),
    atom: withQuery(`${base}.atom`, params),
    ics: holdsDates(query) ? withQuery(`${base}.ics`, params) : null,
    alert: withQuery('/alerts/new', [['list', pageHref(query)]]),
  };
}

/** Reads a stored or posted page address (such as '/decisions?q=housing') back into its query. */
export function parseFollowHref(href: string): ParsedQuery {
  if (typeof href !== 'string' || !href.startsWith('/') || href.startsWith('//') || href.length > 2000) return NOT_FOLLOWABLE;
  let url: URL;
  try {
    url = new URL(href, 'http://x');
  } catch {
    return NOT_FOLLOWABLE;
  }
  return parseFollowQuery(url.pathname, url.searchParams);
}

/** What the list is called, in a feed's title and an alert's e-mail; names come from the caller (it reads them). */
export function describeQuery(query: FollowQuery, bodyName: string | null): string {
  switch (query.kind) {
    case 'committee':
      return `Meetings of ${bodyName ?? 'a committee'}`;
    case 'calendar':
      return bodyName ? `Meetings of ${bodyName}` : 'All meetings';
    case 'decisions': {
      const parts = [
        bodyName ? `of ${bodyName}` : '',
        query.q ? `about ‘${query.q}’` : '',
        query.ref ? `with key decision reference ${query.ref}` : '',
        query.from ? `from ${query.from}` : '',
        query.to ? `to ${query.to}` : '',
      ].filter(Boolean);
      return ['Decisions', ...parts].join(' ');
    }
    case 'search':
      return `Search for ‘${query.q}’${bodyName ? ` in ${bodyName}` : ''}`;
  }
}

/** The committee or board a query names, if any. */
export function bodyOf(query: FollowQuery): string | null {
  switch (query.kind) {
    case 'committee':
    case 'calendar':
      return query.bodyId;
    case 'decisions':
    case 'search':
      return query.committee;
  }
}
