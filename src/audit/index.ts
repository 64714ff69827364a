// The front door of the audit trail: its pages, and a record's history for other capabilities' pages.
import type { Capability } from '../capability.ts';
import { registerAuditPages } from './audit.routes.ts';

export const audit: Capability = { name: 'audit', routes: (app, { db }) => registerAuditPages(app, db) };

export { changedFields, historyOf } from './audit.repository.ts';
