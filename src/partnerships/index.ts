// The front door of the partnership register.
import type { Capability } from '../capability.ts';
import { partnershipOperations } from './partnerships.api.ts';
import { registerPartnershipPages } from './partnerships.routes.ts';

export const partnerships: Capability = { name: 'partnerships', routes: (app, { db }) => registerPartnershipPages(app, db), operations: partnershipOperations };

export { listPartnerships, partnershipsInScope, scopeOf } from './partnerships.repository.ts';
export type { EventKind } from './lifecycle.ts';
export { contributionsOf, healthPartnerships, peopleOnPartnerships } from './health-facts.repository.ts';
export type { HealthPartnershipRow } from './health-facts.repository.ts';
export { contactsOn, eventsBetween, fundingOf, quarterlyPartnerships, sourceDocumentsOf } from './quarterly-facts.repository.ts';
export { appointmentsOf, contributionsByYear, landscapeOf } from './annual-facts.repository.ts';
export type { AppointmentRow, LandscapeEventRow, LandscapePartnershipRow, ReportingLineRow, YearContributionRow } from './annual-facts.repository.ts';
export { statusAt } from './lifecycle.ts';
export { moneyBetween } from './activity-facts.repository.ts';
