// The front door of money: budget lines, monthly actuals and forecasts, variances, commentary,
// virements, the ledger import and finance reports to committees; and the report's appendices
// (savings tracker, grants, reserves, capital) from src/finance/appendices.
import type { Capability } from '../capability.ts';
import { appendixOperations, appendixRoutes } from './appendices/index.ts';

// The demo loads the appendices through this front door.
export { type AppendixData, loadAppendixData } from './appendices/index.ts';
import { financeOperations } from './finance.api.ts';
import { registerFinancePages } from './finance.routes.ts';
import { registerReportDownloads } from './report-downloads.routes.ts';

export const finance: Capability = {
  name: 'finance',
  routes: async (app, options) => {
    await registerFinancePages(app, options.db);
    await appendixRoutes(app, options);
    await registerReportDownloads(app, options.db, options.config.COUNCIL_NAME);
  },
  operations: [...financeOperations, ...appendixOperations],
};

export { formatThousands, parseYear, periodLabel, toPence, toThousands, yearLabel } from './rules.ts';
export { financeReturn } from './finance.service.ts';
// A published report attached to an agenda item is that item's paper in the agenda pack.
export { financeReportPaperSource } from './report-paper.ts';
