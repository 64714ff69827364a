import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { todayInEngland } from '../../src/calendar/today.ts';
import { contributionsByYear, totalPence } from '../../src/partnerships/contributions.ts';
import { dateInputParts, parseDateInput, parseMoney, penceToInput } from '../../src/web/form-input.ts';
import { financialYearLabel, financialYearOf, formatDate } from '../../src/calendar/format.ts';
import { formatPence } from '../../src/web/format.ts';

describe('money', () => {
  it("formats seed 002's contributions as the paper prints them", () => {
    assert.equal(formatPence(800000), '£8,000');
    assert.equal(formatPence(2347000), '£23,470');
    assert.equal(formatPence(547000), '£5,470');
    assert.equal(formatPence(2347050), '£23,470.50');
    assert.equal(formatPence(5), '£0.05');
    assert.equal(formatPence(-150), '-£1.50');
  });
  it('reads what an officer types without going through floating point', () => {
    assert.deepEqual(parseMoney('£8,000', 'Amount'), { ok: true, value: 800000 });
    assert.deepEqual(parseMoney('23470.5', 'Amount'), { ok: true, value: 2347050 });
    assert.deepEqual(parseMoney('0.29', 'Amount'), { ok: true, value: 29 }); // 0.29 * 100 is 28.999... in floats
    assert.deepEqual(parseMoney(' 5470 ', 'Amount'), { ok: true, value: 547000 });
  });
  it('refuses what is not money, with the GOV.UK message', () => {
    assert.deepEqual(parseMoney('', 'Amount'), { ok: false, error: 'Enter amount' });
    assert.equal((parseMoney('eight thousand', 'Amount') as { error: string }).error, 'Amount must be an amount of money, like £8,000 or £23,470.50');
    assert.equal(parseMoney('1.234', 'Amount').ok, false);
    assert.equal(parseMoney('-5', 'Amount').ok, false);
    assert.equal(parseMoney('1e5', 'Amount').ok, false);
    assert.equal(parseMoney('999999999999', 'Amount').ok, false);
  });
  it('round-trips pence to the form', () => {
    assert.equal(penceToInput(800000), '8000');
    assert.equal(penceToInput(2347050), '23470.50');
  });
  it('totals contributions by financial year, newest first', () => {
    const rows = [
      { organisationId: 'city', financialYear: 2010, amountPence: 2347000 },
      { organisationId: 'city', financialYear: 2011, amountPence: 800000 },
      { organisationId: 'county', financialYear: 2010, amountPence: 547000 },
    ];
    const years = contributionsByYear(rows);
    assert.deepEqual(
      years.map((y) => [y.financialYear, y.totalPence]),
      [
        [2011, 800000],
        [2010, 2894000],
      ],
    );
    assert.equal(totalPence(rows), 3694000);
    assert.throws(() => contributionsByYear([{ organisationId: 'x', financialYear: 2011, amountPence: 1.5 }]), RangeError);
  });
});

describe('financial years', () => {
  it('labels and finds the April-to-March year', () => {
    assert.equal(financialYearLabel(2011), '2011/12');
    assert.equal(financialYearLabel(1999), '1999/00');
    assert.equal(financialYearOf('2011-03-31'), 2010);
    assert.equal(financialYearOf('2011-04-01'), 2011);
  });
});

describe('dates', () => {
  it('formats dates as the council papers do, to the precision known', () => {
    assert.equal(formatDate('2009-07-07'), '7 July 2009');
    assert.equal(formatDate('2010-09-01', 'month'), 'September 2010');
    assert.equal(formatDate('2006-01-01', 'year'), '2006');
    assert.equal(formatDate(null), '');
  });
  it('reads the GOV.UK date input', () => {
    assert.deepEqual(parseDateInput({ day: '23', month: '11', year: '2010' }, 'Date of the event'), { ok: true, value: '2010-11-23' });
    assert.deepEqual(parseDateInput({ day: '1', month: '7', year: '2009' }, 'Date of the event'), { ok: true, value: '2009-07-01' });
    assert.deepEqual(parseDateInput({}, 'Date of the event'), { ok: true, value: null });
  });
  it('gives the GOV.UK error messages', () => {
    const err = (parts: Record<string, string>, required = false) => (parseDateInput(parts, 'Date of the event', { required }) as { error: string }).error;
    assert.equal(err({}, true), 'Enter date of the event');
    assert.equal(err({ day: '1', year: '2009' }), 'Date of the event must include a month');
    assert.equal(err({ year: '2009' }), 'Date of the event must include a day and month');
    assert.equal(err({ day: '30', month: '2', year: '2011' }), 'Date of the event must be a real date');
    assert.equal(err({ day: '29', month: '2', year: '2011' }), 'Date of the event must be a real date');
    assert.equal(err({ day: '1', month: '1', year: '11' }), 'Year must include 4 numbers');
    assert.equal(err({ day: 'x', month: '1', year: '2011' }), 'Date of the event must be a real date');
    assert.equal(parseDateInput({ day: '29', month: '2', year: '2012' }, 'Date').ok, true);
  });
  it('splits an ISO date back into the boxes', () => {
    assert.deepEqual(dateInputParts('2009-07-01'), { day: '1', month: '7', year: '2009' });
    assert.deepEqual(dateInputParts(null), { day: '', month: '', year: '' });
  });
});

describe('today', () => {
  it('is the date in England, not in UTC: in the hour after midnight in summer time it is already the next day', () => {
    assert.equal(todayInEngland(new Date('2026-06-15T23:30:00Z')), '2026-06-16'); // 00:30 BST
    assert.equal(todayInEngland(new Date('2026-06-15T22:59:59Z')), '2026-06-15'); // 23:59 BST
    assert.equal(todayInEngland(new Date('2026-01-15T23:30:00Z')), '2026-01-15'); // 23:30 GMT
    assert.equal(todayInEngland(new Date('2026-03-29T00:30:00Z')), '2026-03-29'); // the night the clocks go forward
  });
  it('is never worked out from the UTC date anywhere in src/ (todayInEngland is used instead)', () => {
    const src = path.resolve(import.meta.dirname, '../../src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const offenders = files.filter((f) => /new Date\(\)\.toISOString\(\)\.slice\(0, ?10\)/.test(readFileSync(path.join(src, f), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
