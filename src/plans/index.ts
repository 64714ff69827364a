// The front door of plans: delivery plans, work programmes, risk registers and the portfolio.
import type { Capability } from '../capability.ts';
import { planActionOperations } from './plan-actions.api.ts';
import { planOperations } from './plans.api.ts';
import { registerPlanPages } from './plans.routes.ts';
import { sendPlanReminders } from './plan-actions.service.ts';
import { registerPortfolioPages } from './portfolio.routes.ts';
import { registerRiskPages } from './risks.routes.ts';

export const plans: Capability = {
  name: 'plans',
  routes: async (app, { db }) => {
    await registerRiskPages(app, db);
    await registerPortfolioPages(app, db);
    await registerPlanPages(app, db);
  },
  operations: [...planOperations, ...planActionOperations],
  hourly: (db, tenantId, publicUrl) => sendPlanReminders(db, tenantId, undefined, publicUrl),
};

export { sendPlanReminders };
export { listPlans } from './plans.repository.ts';
export { overdueView } from './plans.service.ts';
export { listOpenActions } from './plan-actions.repository.ts';
export { openRisksOfPartnerships, plansOfPartnerships } from './health-facts.repository.ts';
export { portfolioAsAt, type PortfolioAsAtRow } from './portfolio-as-at.repository.ts';
export { planActionsBetween } from './activity-facts.repository.ts';
export { listActions as actionsOfPlan } from './plan-actions.repository.ts';
