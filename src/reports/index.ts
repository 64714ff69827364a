// The front door of accountability reports: so far the council's Principles of Partnership Working
// (versioned), each partnership's health check against them per year, and the quarterly update to Cabinet with
// its activity updates (issue 16).
import type { Capability } from '../capability.ts';
import { registerAnnualReviewPages } from './annual-review.routes.ts';
import { registerAssessmentPages } from './assessment-routes.ts';
import { registerHealthCheckPages } from './health.routes.ts';
import { registerReportsHub } from './hub.routes.ts';
import { registerQuarterlyPages } from './quarterly.routes.ts';
import { registerReportVersionPages } from './report-versions.routes.ts';
import { registerPublicReportPages } from './public.routes.ts';
import { publicReportOperations } from './public-reports.api.ts';

export const reports: Capability = {
  name: 'reports',
  routes: async (app, { db }) => {
    await registerReportsHub(app);
    await registerHealthCheckPages(app, db);
    await registerQuarterlyPages(app, db);
    await registerAssessmentPages(app, db);
    await registerAnnualReviewPages(app, db);
    await registerReportVersionPages(app, db);
    await registerPublicReportPages(app, db);
  },
  operations: publicReportOperations,
};

export { quarterlyUpdatePaperSource } from './report-versions-paper.ts';
