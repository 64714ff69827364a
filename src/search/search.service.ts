// Site search: reads the query string (every mistake reported at once, nothing refused with a 500),
// asks the repository, and shapes the results for the page.
import type { Queryable } from '../db/database.ts';
import { formatLongDate } from '../calendar/format.ts';
import type { FieldErrors } from '../web/errors.ts';
import { readDate, toArray, type FormBody } from '../web/forms.ts';
import { paginationOf } from '../web/pagination.ts';
import { bodiesToFilter, queryHasTerms, searchDocuments } from './search.repository.ts';
import {
  highlightedExtract,
  isSearchKind,
  KIND_LABELS,
  MAX_QUERY_LENGTH,
  notPublishedLabel,
  resultHref,
  SEARCH_KINDS,
  type SearchKind,
} from './search-rules.ts';

export const PAGE_SIZE = 20;
const MAX_PAGE = 500;

interface SearchInput {
  q: string;
  kinds: SearchKind[];
  bodyId: string;
  from: string;
  to: string;
  pageNo: number;
}

const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const dateGiven = (query: FormBody, field: string) => ['day', 'month', 'year'].some((part) => one(query[`${field}-${part}`]) !== '');

/** The search as asked, with the errors in it; a field in error is left out of the search. */
async function readSearch(db: Queryable, query: FormBody, bodies: { id: string }[]): Promise<{ input: SearchInput; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  let q = typeof query.q === 'string' ? query.q.replace(/\s+/g, ' ').trim() : '';
  if ('q' in query && !q) errors.q = 'Enter what you are looking for';
  else if (q.length > MAX_QUERY_LENGTH) errors.q = `What you are looking for must be ${MAX_QUERY_LENGTH} characters or fewer`;
  else if (q && !(await queryHasTerms(db, q))) errors.q = 'Enter a more specific word or phrase: words such as ‘the’ and ‘and’ are too common to search for';
  if (errors.q) q = '';

  const types = toArray(query.type).filter((t) => t !== '');
  const kinds = types.filter(isSearchKind);
  if (kinds.length < types.length) errors.type = 'Select the kinds of record from the list';

  let bodyId = one(query.committee).toLowerCase();
  if (bodyId && !bodies.some((b) => b.id === bodyId)) {
    errors.committee = 'Select a committee or board from the list';
    bodyId = '';
  }
  const from = dateGiven(query, 'from') ? (readDate(query, 'from', 'Date from', errors) ?? '') : '';
  let to = dateGiven(query, 'to') ? (readDate(query, 'to', 'Date to', errors) ?? '') : '';
  if (from && to && to < from) {
    errors.to = 'Date to must be the same as or after date from';
    to = '';
  }
  const pageNo = Math.min(Math.max(1, Number.parseInt(one(query.page), 10) || 1), MAX_PAGE);
  return { input: { q, kinds, bodyId, from, to, pageNo }, errors };
}

/** The query string of this search without its page, for the page links. */
function searchParams(query: FormBody, input: SearchInput): URLSearchParams {
  const params = new URLSearchParams({ q: input.q });
  for (const kind of input.kinds) params.append('type', kind);
  if (input.bodyId) params.set('committee', input.bodyId);
  for (const field of ['from', 'to'] as const) {
    if (!input[field]) continue;
    for (const part of ['day', 'month', 'year']) params.set(`${field}-${part}`, one(query[`${field}-${part}`]));
  }
  return params;
}

export async function runSearch(db: Queryable, tenantId: string, query: FormBody, staff: boolean) {
  const bodies = await bodiesToFilter(db, tenantId, !staff);
  const { input, errors } = await readSearch(db, query, bodies);
  const searched = input.q !== '';
  const find = (pageNo: number) =>
    searchDocuments(db, tenantId, {
      q: input.q,
      kinds: input.kinds.length ? input.kinds : SEARCH_KINDS,
      bodyId: input.bodyId || undefined,
      from: input.from || undefined,
      to: input.to || undefined,
      publicOnly: !staff,
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    });
  let rows = searched ? await find(input.pageNo) : [];
  // A page past the end (an old link, a typed number) shows the first page rather than nothing.
  if (searched && rows.length === 0 && input.pageNo > 1) {
    input.pageNo = 1;
    rows = await find(1);
  }
  const total = rows[0]?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const params = searchParams(query, input);
  const typed = (field: string) => Object.fromEntries(['day', 'month', 'year'].map((part) => [part, one(query[`${field}-${part}`])]));
  return {
    errors,
    searched,
    q: typeof query.q === 'string' ? query.q : '',
    total,
    pageNo: input.pageNo,
    firstNumber: (input.pageNo - 1) * PAGE_SIZE + 1,
    pages,
    pagination: paginationOf(input.pageNo, pages, (n) => `/search?${params}&page=${n}`),
    kindItems: SEARCH_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], checked: input.kinds.includes(k) })),
    committeeOptions: [
      { value: '', text: 'All committees and boards' },
      ...bodies.map((b) => ({ ...b, value: b.id, text: b.name, selected: b.id === input.bodyId })),
    ],
    fromValue: typed('from'),
    toValue: typed('to'),
    results: rows.map((r) => ({
      kind: KIND_LABELS[r.kind],
      titleHtml: highlightedExtract(r.titleMarked),
      href: resultHref(r, staff),
      extractHtml: highlightedExtract(r.extract),
      date: r.occurredOn ? formatLongDate(r.occurredOn) : null,
      bodyName: r.bodyName,
      notPublished: staff ? notPublishedLabel(r.isPublic, r.state) : null,
    })),
  };
}
