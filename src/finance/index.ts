// The front door of money: budget lines, monthly actuals and forecasts, variances, commentary,
// virements, the ledger import and finance reports to committees.
import type { Capability } from '../capability.ts';
import { financeOperations } from './finance.api.ts';
import { registerFinancePages } from './finance.routes.ts';

export const finance: Capability = {
  name: 'finance',
  routes: (app, { db }) => registerFinancePages(app, db),
  operations: financeOperations,
};

export { yearLabel, parseYear, toPence, toThousands, formatThousands } from './rules.ts';
