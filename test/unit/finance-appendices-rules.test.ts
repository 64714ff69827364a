// The appendices' arithmetic, on the worked examples of seed 004's Finance and Performance Report
// (Outturn 2017-18): savings tracker rows, reserves, capital schemes and funding, and grant income.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  capitalTotals,
  financialYearOf,
  formatPounds,
  formatThousands,
  fundingTotals,
  fundingVariance,
  grantTotals,
  isFinancialYear,
  outturnVariance,
  parsePounds,
  parseThousands,
  penceToPounds,
  type Quarters,
  reserveClosing,
  reserveTotals,
  rounding,
  roundingNote,
  savingTotals,
  schemeForecastVariance,
  thousands,
  trackerTotals,
} from '../../src/finance/appendices/rules.ts';

const k = (n: number) => n * 100_000;
const kq = (a: number, b: number, c: number, d: number): Quarters => [k(a), k(b), k(c), k(d)];

test('a saving: original and forecast saving and the variance from plan, per quarter and in total (A/R.6.101, A/R.6.134, CFA.F.01)', () => {
  // A/R.6.101 Recouping under-used direct payment budget allocations: -98 -99 -99 -99 = -395 planned, -176 forecast, 219 variance.
  const dp = savingTotals({ planned: kq(-98, -99, -99, -99), forecast: kq(0, 0, 0, -176) });
  assert.equal(dp.planned, k(-395));
  assert.equal(dp.forecast, k(-176));
  assert.equal(dp.variance, k(219));
  assert.deepEqual(dp.varianceByQuarter, kq(98, 99, 99, -77));
  // A/R.6.134 over-achieved: -381 planned, -410 forecast, variance -29.
  assert.equal(savingTotals({ planned: kq(-121, -139, -87, -34), forecast: kq(-155, -105, -87, -63) }).variance, k(-29));
  // CFA.F.01 Assessment of Prisoners: -50 planned, -100 forecast, variance -50.
  assert.equal(savingTotals({ planned: kq(0, -50, 0, 0), forecast: kq(0, -50, 0, -50) }).variance, k(-50));
});

test("the tracker's totals are derived from its rows", () => {
  const rows = [
    { investment: k(87), planned: kq(-98, -99, -99, -99), forecast: kq(0, 0, 0, -176) }, // A/R.6.101
    { investment: 0, planned: kq(120, 0, 0, 0), forecast: kq(120, 0, 0, 0) }, // A/R.6.102 (a reversal, positive)
    { investment: k(750), planned: kq(-2307, -74, 0, 0), forecast: kq(-953, -582, -382, -84) }, // A/R.6.114
  ];
  const t = trackerTotals(rows);
  assert.equal(t.investment, k(837));
  assert.deepEqual(t.plannedByQuarter, kq(-2285, -173, -99, -99));
  assert.deepEqual(t.forecastByQuarter, kq(-833, -582, -382, -260));
  assert.equal(t.planned, k(-2656));
  assert.equal(t.forecast, k(-2057));
  assert.equal(t.variance, k(599));
  assert.equal(t.count, 3);
  assert.equal(trackerTotals([]).variance, 0);
});

test('reserves: closing = opening + movement; totals of the revenue reserve as printed', () => {
  assert.equal(reserveClosing({ opening: k(188), movement: k(-133) }), k(55)); // Mindful / Resilient Together
  assert.equal(reserveClosing({ opening: k(-240), movement: k(296) }), k(56)); // Home to School Transport Equalisation
  const revenue = [
    { opening: k(540), movement: k(-7493), yearEnd: k(-6953) },
    { opening: k(133), movement: k(-69), yearEnd: k(64) },
  ];
  assert.deepEqual(reserveTotals(revenue), { opening: k(673), movement: k(-7562), closing: k(-6889), yearEnd: k(-6889) });
  // Capital: Devolved Formula Capital closes at 1,760 with 717 forecast at the year end.
  assert.deepEqual(reserveTotals([{ opening: k(780), movement: k(980), yearEnd: k(717) }]), {
    opening: k(780),
    movement: k(980),
    closing: k(1760),
    yearEnd: k(717),
  });
});

test('capital: outturn variance and total scheme forecast variance are derived', () => {
  const primary = { original: k(41560), revised: k(38750), actual: k(37434), totalSchemeBudget: k(274415), totalSchemeForecast: k(274415 - 8455) };
  assert.equal(outturnVariance(primary), k(-1316));
  assert.equal(schemeForecastVariance(primary), k(-8455));
  const variation = { original: k(-6664), revised: k(-10305), actual: 0, totalSchemeBudget: k(-37825), totalSchemeForecast: k(-37825) };
  assert.equal(outturnVariance(variation), k(10305));
  const t = capitalTotals([primary, variation]);
  assert.deepEqual(t, {
    original: k(34896),
    revised: k(28445),
    actual: k(37434),
    outturnVariance: k(8989),
    totalSchemeBudget: k(236590),
    totalSchemeForecastVariance: k(-8455),
  });
  // Funding: Devolved Formula Capital 1,760 revised, 1,043 spent: -717.
  assert.equal(fundingVariance({ revised: k(1760), outturn: k(1043) }), k(-717));
  assert.equal(
    fundingTotals([
      { original: k(26464), revised: k(21145), outturn: k(35089) },
      { original: k(-8845), revised: k(-8845), outturn: k(-8845) },
    ]).variance,
    k(13944),
  );
});

test('grant income: non-baselined total and total grant funding (Appendix 3)', () => {
  const t = grantTotals([
    { kind: 'non_baselined', amount: k(23468) },
    { kind: 'non_baselined', amount: k(9036) },
    { kind: 'baselined', amount: k(40518) },
  ]);
  assert.deepEqual(t, { nonBaselined: k(32504), baselined: k(40518), total: k(73022) });
});

test('£000 rounding: a printed total that is not the sum of the printed lines is said so', () => {
  assert.equal(thousands(k(-1480)), -1480);
  assert.equal(thousands(-50_000), -1); // half a thousand rounds away from zero
  assert.equal(thousands(49_999), 0);
  assert.equal(thousands(-49_999), 0);
  assert.equal(formatThousands(k(-24357)), '-24,357');
  const even = rounding([k(1), k(2)]);
  assert.deepEqual(even, { total: 3, sumOfLines: 3, differs: false });
  assert.equal(roundingNote('Planned', even), null);
  // Three lines of £400 print as 0 each, but add up to £1,200: the total prints as 1.
  const odd = rounding([40_000, 40_000, 40_000]);
  assert.deepEqual(odd, { total: 1, sumOfLines: 0, differs: true });
  assert.match(roundingNote('Planned', odd) ?? '', /total of 1 \(£000\).*add up to 0/);
});

test('amounts typed in pounds or in £000 become exact pence, negative savings included', () => {
  assert.deepEqual(parsePounds('-£1,480,000', 'Amount'), { ok: true, pence: -148_000_000 });
  assert.deepEqual(parsePounds('23470.50', 'Amount'), { ok: true, pence: 2_347_050 });
  assert.deepEqual(parsePounds('(250)', 'Amount'), { ok: true, pence: -25_000 });
  assert.deepEqual(parseThousands('-2,619', 'Q1'), { ok: true, pence: -261_900_000 });
  assert.deepEqual(parseThousands('12.5', 'Q1'), { ok: true, pence: 1_250_000 });
  assert.deepEqual(parseThousands('0.00001', 'Q1'), { ok: true, pence: 1 });
  assert.deepEqual(parseThousands('-0', 'Q1'), { ok: true, pence: 0 });
  for (const bad of ['ten', '1.2.3', '1,23', '£', '1e5']) assert.equal(parsePounds(bad, 'Amount').ok, false, bad);
  assert.match((parsePounds('1.234', 'Amount') as { error: string }).error, /whole pence/);
  assert.match((parseThousands('', 'Original phasing Q1') as { error: string }).error, /^Enter original phasing Q1/);
  assert.match((parsePounds('1000000000000', 'Amount') as { error: string }).error, /less than/);
  assert.equal(penceToPounds(-148_000_000), '-1480000');
  assert.equal(penceToPounds(2_347_050), '23470.50');
  assert.equal(formatPounds(-25_000), '-£250');
  assert.equal(formatPounds(2_347_050), '£23,470.50');
});

test('financial years run April to March and are written 2017-18', () => {
  assert.equal(isFinancialYear('2017-18'), true);
  assert.equal(isFinancialYear('1999-00'), true);
  assert.equal(isFinancialYear('2017-19'), false);
  assert.equal(isFinancialYear('2017/18'), false);
  assert.equal(financialYearOf('2018-03-31'), '2017-18');
  assert.equal(financialYearOf('2018-04-01'), '2018-19');
});
