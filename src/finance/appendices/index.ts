// The front door of the finance appendices (seed 004's Finance and Performance Report): the savings tracker,
// grant income, reserves, and the capital programme and its funding. The finance capability registers the
// pages and the API operations; the demo loads seed 004's figures through the data writer.
export { appendixOperations } from './appendices.api.ts';
export { appendixRoutes, FINANCE_EDIT } from './appendices.routes.ts';
export { loadAppendixData, type AppendixData } from './appendix-data.ts';
export * as appendixRules from './rules.ts';
// What a generated Finance and Performance Report prints of each appendix (read only).
export { fundingOf, grantsOf, reservesOf, schemesOf } from './appendices.service.ts';
export { savingsOf } from './savings.service.ts';
