// The front door of performance: indicators, targets, values, RAG, scorecards and exception reports.
import type { Capability } from '../capability.ts';
import { performanceOperations } from './performance.api.ts';
import { registerPerformancePages } from './performance.routes.ts';
import { sendIndicatorReminders } from './performance.service.ts';
import { pruneValueImports } from './value-imports.repository.ts';
import { RECENT_DAYS } from './value-import-runs.ts';

export const performance: Capability = {
  name: 'performance',
  routes: (app, { db, config }) => registerPerformancePages(app, db, config),
  operations: performanceOperations,
  hourly: async (db, tenantId, publicUrl) => {
    await sendIndicatorReminders(db, tenantId, undefined, publicUrl);
    await pruneValueImports(db, tenantId, RECENT_DAYS);
  },
};

export { sendIndicatorReminders };
export { dueList, scorecardView } from './performance.service.ts';
export { exceptionReports } from './exception-reports.repository.ts';
export { indicatorCounts } from './health-facts.repository.ts';
export { indicatorsAsAt } from './quarterly-facts.repository.ts';
export { loadIndicators as indicatorChoices } from './values.repository.ts';
export { indicatorResultsBetween } from './activity-facts.repository.ts';
