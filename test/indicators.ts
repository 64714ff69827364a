// An indicator made for a test: a monthly count, higher is better, with no tolerance, baseline or final target
// unless the test says otherwise.
import type { Database } from '../src/db/database.ts';
import { createIndicator } from '../src/performance/performance.service.ts';

export function testIndicator(db: Database, tenantId: string, fields: { code: string; title: string } & Record<string, unknown>): Promise<string> {
  return createIndicator(
    db,
    { tenantId, actor: 'test@example.org', requestId: 'test' },
    {
      unit: 'count',
      polarity: 'higher_is_better',
      frequency: 'monthly',
      decimals: 0,
      tolerancePercent: null,
      baselineValue: null,
      baselineNumerator: null,
      baselineDenominator: null,
      finalTargetValue: null,
      ...fields,
    },
  );
}
