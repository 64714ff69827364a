// The partnership money rules with the seeds' worked examples: seed 002's £20.5m of loans and equity that
// "should return to the partnership over the next 13 years" (10 October 2011), the contributions the City
// Council made, and the shares of a pooled budget printed so they add to 100%.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contributionSummary, investmentPosition, percentLabel, sharePercentages, yearsBetween } from '../../src/partnerships/money.ts';
import { contributionInput } from '../../src/partnerships/partnerships.schemas.ts';
import { fundingInput, repaymentInput } from '../../src/partnerships/money.schemas.ts';

describe('shares of a pooled budget', () => {
  it('prints each share to a tenth of a percent, adding to exactly 100.0%', () => {
    assert.deepEqual(sharePercentages([{ amountPence: 100_000 }, { amountPence: 200_000 }]), { totalPence: 300_000, tenths: [333, 667] });
    const thirds = sharePercentages([{ amountPence: 1 }, { amountPence: 1 }, { amountPence: 1 }]).tenths;
    assert.deepEqual(thirds, [334, 333, 333]);
    assert.equal(
      thirds.reduce((a, b) => a + b, 0),
      1000,
    );
    assert.equal(percentLabel(625), '62.5%');
    assert.equal(percentLabel(1000), '100.0%');
    assert.equal(percentLabel(5), '0.5%');
  });
  it('works in whole pence at any size without floating point, and an empty pool has no percentages', () => {
    const big = sharePercentages([{ amountPence: 2_050_000_000_00 }, { amountPence: 1 }]);
    assert.deepEqual(big.tenths, [1000, 0]);
    assert.deepEqual(sharePercentages([{ amountPence: 0 }]).tenths, [0]);
    assert.throws(() => sharePercentages([{ amountPence: 1.5 }]), RangeError);
    assert.throws(() => sharePercentages([{ amountPence: -1 }]), RangeError);
  });
});

describe('loans and equity', () => {
  // Seed 002 §7.3: "equity investments or loans of some £20.5 million … should return to the partnership over the next 13 years".
  it("reads seed 002's 'over the next 13 years' from a schedule that ends in 2024, as at the report of 10 October 2011", () => {
    assert.equal(yearsBetween('2011-10-10', '2024-09-30'), 13);
    assert.equal(yearsBetween('2011-10-10', '2024-10-10'), 13);
    assert.equal(yearsBetween('2011-10-10', '2024-10-11'), 14);
    assert.equal(yearsBetween('2011-10-10', '2011-10-10'), 0);
    assert.equal(yearsBetween('2011-10-10', '2011-12-01'), 1, 'a part year counts as a year');
  });
  it('derives what is outstanding on a date from the amount and the repayments due by then', () => {
    const amount = 2_050_000_000; // £20.5m in pence
    const even = Array.from({ length: 13 }, (_, i) => ({ dueOn: `${2012 + i}-09-30`, amountPence: i === 12 ? amount - 12 * 157_692_307 : 157_692_307 }));
    const atReport = investmentPosition(amount, even, '2011-10-10');
    assert.equal(atReport.outstandingPence, amount);
    assert.equal(atReport.returnedPence, 0);
    assert.equal(atReport.scheduledPence, amount);
    assert.equal(atReport.lastDueOn, '2024-09-30');
    assert.equal(atReport.yearsToRun, 13);
    const onDueDay = investmentPosition(amount, even, '2013-09-30');
    assert.equal(onDueDay.returnedPence, 2 * 157_692_307, 'a repayment due on the day counts as returned');
    assert.equal(onDueDay.outstandingPence, amount - 2 * 157_692_307);
    const after = investmentPosition(amount, even, '2026-12-07');
    assert.equal(after.outstandingPence, 0);
    assert.equal(after.yearsToRun, 0);
  });
  it('never shows a negative balance when the schedule returns more than was lent (interest or uplift)', () => {
    const p = investmentPosition(100_00, [{ dueOn: '2012-01-01', amountPence: 120_00 }], '2013-01-01');
    assert.equal(p.outstandingPence, 0);
    assert.equal(p.scheduledPence, 120_00);
  });
  it('has no end date or years to run without a schedule', () => {
    const p = investmentPosition(500_00, [], '2011-10-10');
    assert.equal(p.lastDueOn, null);
    assert.equal(p.yearsToRun, null);
    assert.equal(p.outstandingPence, 500_00);
  });
});

describe('contributions', () => {
  it("keeps proposed money out of what partners have committed, and splits cash from in kind (seed 002's City Council contributions)", () => {
    const s = contributionSummary([
      { financialYear: 2011, amountPence: 800_000, status: 'proposed', kind: 'cash' },
      { financialYear: 2010, amountPence: 2_347_000, status: 'paid', kind: 'cash' },
      { financialYear: 2010, amountPence: 547_000, status: 'agreed', kind: 'cash' },
      { financialYear: 2010, amountPence: 250_000, status: 'agreed', kind: 'in_kind' },
    ]);
    assert.deepEqual(s, {
      proposedPence: 800_000,
      agreedPence: 797_000,
      paidPence: 2_347_000,
      cashPence: 2_894_000,
      inKindPence: 250_000,
      committedPence: 3_144_000,
    });
  });
  it('asks for every missing part at once: what is given in kind, the date paid, dates in order', () => {
    const base = { organisationId: '6f1c2d7e-0000-4000-8000-000000000001', financialYear: 2011, amountPence: 800_000, note: null };
    const r = contributionInput.safeParse({ ...base, kind: 'in_kind', status: 'paid', agreedOn: '2011-11-01' });
    assert.equal(r.success, false);
    const paths = r.error!.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(paths, ['inKindDescription', 'paidOn']);
    const early = contributionInput.safeParse({ ...base, status: 'paid', agreedOn: '2011-11-01', paidOn: '2011-10-01' });
    assert.match(early.error!.issues[0]!.message, /same as or after the date agreed/);
    const notPaid = contributionInput.safeParse({ ...base, status: 'agreed', paidOn: '2011-10-01' });
    assert.match(notPaid.error!.issues[0]!.message, /Only a paid contribution has a date paid/);
    const ok = contributionInput.parse({ ...base });
    assert.equal(ok.status, 'agreed', 'an older form or API client that sends no status records an agreed contribution, as before');
    assert.equal(ok.kind, 'cash');
  });
});

describe('funding and repayments', () => {
  it("takes seed 002's CLG Transition Funding of £163,000 over two years, and refuses a period that ends before it starts", () => {
    const ok = fundingInput.parse({
      kind: 'grant',
      funder: 'Department for Communities and Local Government',
      title: 'Transition Funding',
      amountPence: 16_300_000,
      startDate: '2011-04-01',
      endDate: '2013-03-31',
    });
    assert.equal(ok.amountPence, 16_300_000);
    const bad = fundingInput.safeParse({ kind: 'grant', funder: 'X', title: 'Y', amountPence: 1, startDate: '2013-04-01', endDate: '2011-03-31' });
    assert.deepEqual(
      bad.error!.issues.map((i) => i.path.join('.')),
      ['endDate'],
    );
  });
  it('refuses a repayment of nothing', () => {
    assert.equal(repaymentInput.safeParse({ dueOn: '2012-09-30', amountPence: 0 }).success, false);
  });
});
