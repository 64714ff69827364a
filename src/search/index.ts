// The front door of site search: one page, /search, over every kind of public record (and, for
// staff, over drafts too, marked), and the background job that reads an uploaded paper's text.
import type { Capability } from '../capability.ts';
import { EXTRACT_TEXT_JOB, extractMissingTexts, extractTextJob } from './extract-text.ts';
import { registerSearchPage } from './search.routes.ts';

export const search: Capability = {
  name: 'search',
  routes: (app, { db }) => registerSearchPage(app, db),
  jobs: () => ({ [EXTRACT_TEXT_JOB]: extractTextJob }),
  hourly: (db, tenantId) => extractMissingTexts(db, tenantId),
};

// For following a search (src/follow): the public answer to a search, and where each result leads.
export { searchDocuments, searchResultsChanged, queryHasTerms } from './search.repository.ts';
export { isSearchKind, KIND_LABELS, resultHref, SEARCH_KINDS } from './search-rules.ts';
