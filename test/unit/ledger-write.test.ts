// What a checked ledger writes (ledger-io.ts ledgerWrite): a month for each row with an actual or a forecast, and an
// original budget for each line the year has none for yet, from the first row that gives one, less the virements
// to that period's end (so the revised budget the row gave is what the line then shows).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ledgerWrite } from '../../src/finance/ledger-io.ts';

const lines = [
  { id: 'a', code: 'AS01', originalBudgetPence: 100_000 },
  { id: 'b', code: 'AS02', originalBudgetPence: null },
];
// £500 moved from AS01 to AS02 on 1 June 2017 (period 3 of 2017-18).
const virements = [{ effectiveDate: '2017-06-01', fromLineId: 'a', toLineId: 'b', amountPence: 50_000 }];

describe('ledgerWrite', () => {
  it('writes months with figures and the first budget of a line without one, less the virements to date', () => {
    const write = ledgerWrite(
      [
        { lineId: 'a', period: 3, budgetPence: 50_000, actualPence: 1_000, forecastPence: 2_000 },
        { lineId: 'b', period: 2, budgetPence: 20_000, actualPence: null, forecastPence: null },
        { lineId: 'b', period: 3, budgetPence: 70_000, actualPence: null, forecastPence: 9_000 },
      ],
      2017,
      lines,
      virements,
    );
    assert.deepEqual(write.budgets, [{ lineId: 'b', pence: 20_000 }], 'AS01 has a budget; AS02 takes its first row, before the virement');
    assert.deepEqual(write.months, [
      { lineId: 'a', period: 3, actualPence: 1_000, forecastPence: 2_000 },
      { lineId: 'b', period: 3, actualPence: null, forecastPence: 9_000 },
    ]);
  });

  it('takes the virements into a line without a budget off the revised budget its first row gives', () => {
    const write = ledgerWrite([{ lineId: 'b', period: 3, budgetPence: 70_000, actualPence: 5, forecastPence: null }], 2017, lines, virements);
    assert.deepEqual(write.budgets, [{ lineId: 'b', pence: 20_000 }]);
  });
});
