import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { defaultHolidayCalendar, mergeBankHolidays, parseBankHolidaysJson, shippedBankHolidays } from '../../src/calendar/bank-holidays.ts';
import {
  addDays,
  clearDaysBetween,
  clearWorkingDaysBetween,
  isWeekend,
  isWorkingDay,
  latestDateWithClearDays,
  latestDateWithClearWorkingDays,
  weekdayName,
  workingDaysBefore,
} from '../../src/calendar/working-days.ts';

const holidays = defaultHolidayCalendar();
const none: ReadonlySet<string> = new Set();

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic

test('addDays crosses month, year and leap-day boundaries without time-zone drift', () => {
  assert.equal(addDays('2018-05-31', 1), '2018-06-01');
  assert.equal(addDays('2018-12-31', 1), '2019-01-01');
  assert.equal(addDays('2019-01-01', -1), '2018-12-31');
  assert.equal(addDays('2020-02-28', 1), '2020-02-29');
  assert.equal(addDays('2019-02-28', 1), '2019-03-01');
  assert.equal(addDays('2100-02-28', 1), '2100-03-01'); // 2100 is not a leap year
  assert.equal(addDays('2000-02-28', 1), '2000-02-29'); // 2000 is
  // The clocks go forward on 31 March 2019 and back on 27 October 2019: no effect on days.
  assert.equal(addDays('2019-03-30', 1), '2019-03-31');
  assert.equal(addDays('2019-03-31', 1), '2019-04-01');
  assert.equal(addDays('2019-10-27', 1), '2019-10-28');
  assert.equal(addDays('2018-05-31', 0), '2018-05-31');
  assert.equal(addDays('2018-05-31', 365), '2019-05-31');
  // Years 0–99 are not mapped to 1900–1999 (as Date.UTC would).
  assert.equal(addDays('0050-01-01', 1), '0050-01-02');
});

test('weekdayName and isWeekend', () => {
  assert.equal(weekdayName('2018-05-31'), 'Thursday');
  assert.equal(weekdayName('2018-05-28'), 'Monday');
  assert.equal(weekdayName('1970-01-01'), 'Thursday');
  assert.equal(weekdayName('2000-01-01'), 'Saturday');
  assert.equal(weekdayName('2019-04-19'), 'Friday');
  assert.equal(weekdayName('1969-12-31'), 'Wednesday');
  assert.equal(isWeekend('2018-05-26'), true);
  assert.equal(isWeekend('2018-05-27'), true);
  assert.equal(isWeekend('2018-05-28'), false);
  assert.equal(isWeekend('2018-05-25'), false);
});

test('weekdayName agrees with the JavaScript Date for any date', () => {
  const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  fc.assert(
    fc.property(fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      assert.equal(weekdayName(iso), names[d.getUTCDay()]);
      assert.equal(addDays(iso, 1), new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)).toISOString().slice(0, 10));
    }),
  );
});

test('isWorkingDay knows weekends and England and Wales bank holidays', () => {
  assert.equal(isWorkingDay('2018-05-28', holidays), false); // Spring bank holiday
  assert.equal(isWorkingDay('2018-05-28', none), true);
  assert.equal(isWorkingDay('2018-05-29', holidays), true);
  assert.equal(isWorkingDay('2018-05-26', holidays), false);
  assert.equal(isWorkingDay('2019-04-19', holidays), false); // Good Friday
  assert.equal(isWorkingDay('2019-04-22', holidays), false); // Easter Monday
  assert.equal(isWorkingDay('2019-05-27', holidays), false); // Spring bank holiday
  assert.equal(isWorkingDay('2022-09-19', holidays), false); // State Funeral of Queen Elizabeth II
  assert.equal(isWorkingDay('2022-06-03', holidays), false); // Platinum Jubilee
  assert.equal(isWorkingDay('2023-05-08', holidays), false); // Coronation of King Charles III
});

test('substitute days: Christmas falling at a weekend moves the bank holiday to a weekday', () => {
  // 2020: Christmas Day Friday; Boxing Day Saturday, substitute Monday 28 December.
  assert.equal(isWorkingDay('2020-12-25', holidays), false);
  assert.equal(isWorkingDay('2020-12-26', holidays), false); // a Saturday anyway
  assert.equal(holidays.has('2020-12-26'), false);
  assert.equal(isWorkingDay('2020-12-28', holidays), false);
  assert.equal(isWorkingDay('2020-12-29', holidays), true);
  // 2021: Christmas Day Saturday → Monday 27 December; Boxing Day Sunday → Tuesday 28 December.
  assert.equal(isWorkingDay('2021-12-24', holidays), true);
  assert.equal(isWorkingDay('2021-12-27', holidays), false);
  assert.equal(isWorkingDay('2021-12-28', holidays), false);
  assert.equal(isWorkingDay('2021-12-29', holidays), true);
  assert.equal(isWorkingDay('2022-01-03', holidays), false); // New Year's Day Saturday → Monday 3 January
  // 2022: Christmas Day Sunday; Boxing Day Monday 26 December; substitute Tuesday 27 December.
  assert.equal(isWorkingDay('2022-12-26', holidays), false);
  assert.equal(isWorkingDay('2022-12-27', holidays), false);
  assert.equal(isWorkingDay('2022-12-28', holidays), true);
});

// ---------------------------------------------------------------------------------------------
// Working days

test('workingDaysBefore skips weekends and bank holidays', () => {
  // Worked example: 3 working days before Thursday 31 May 2018 are Wed 30, Tue 29 and (skipping
  // the weekend and Monday 28 May, a bank holiday) Friday 25 May.
  assert.equal(workingDaysBefore('2018-05-31', 3, holidays), '2018-05-25');
  assert.equal(workingDaysBefore('2018-05-31', 3, none), '2018-05-28');
  assert.equal(workingDaysBefore('2018-05-31', 1, holidays), '2018-05-30');
  assert.equal(workingDaysBefore('2018-05-31', 0, holidays), '2018-05-31');
  assert.equal(workingDaysBefore('2018-06-04', 1, holidays), '2018-06-01'); // Monday → Friday
  // Christmas 2018: before Thursday 3 January 2019 come Wed 2 Jan, (1 Jan holiday) Mon 31 Dec,
  // Fri 28 Dec, Thu 27 Dec, (26 and 25 holidays) Mon 24 Dec.
  assert.equal(workingDaysBefore('2019-01-03', 3, holidays), '2018-12-28');
  assert.equal(workingDaysBefore('2019-01-03', 5, holidays), '2018-12-24');
  assert.equal(workingDaysBefore('2019-01-03', 6, holidays), '2018-12-21');
});

test('clearWorkingDaysBetween excludes the first and last day', () => {
  // Agenda out Tuesday 22 May 2018, meeting Thursday 31 May 2018: clear working days are
  // 23, 24, 25, 29, 30 May (26–27 weekend, 28 bank holiday) = 5.
  assert.equal(clearWorkingDaysBetween('2018-05-22', '2018-05-31', holidays), 5);
  assert.equal(clearWorkingDaysBetween('2018-05-22', '2018-05-31', none), 6);
  assert.equal(clearWorkingDaysBetween('2018-05-23', '2018-05-31', holidays), 4);
  assert.equal(clearWorkingDaysBetween('2018-05-30', '2018-05-31', holidays), 0);
  assert.equal(clearWorkingDaysBetween('2018-05-31', '2018-05-31', holidays), 0);
  assert.equal(clearWorkingDaysBetween('2018-06-01', '2018-05-31', holidays), 0);
  assert.equal(clearWorkingDaysBetween('2018-05-29', '2018-05-31', holidays), 1);
  // Friday to Monday: only the weekend between.
  assert.equal(clearWorkingDaysBetween('2018-06-01', '2018-06-04', holidays), 0);
  // Easter 2019: Wednesday 17 April to Thursday 25 April is 18, 23, 24 April = 3.
  assert.equal(clearWorkingDaysBetween('2019-04-17', '2019-04-25', holidays), 3);
});

test('latestDateWithClearWorkingDays around Christmas and substitute days', () => {
  // Meeting Thursday 3 January 2019. Working days before it: Wed 2 Jan, Mon 31 Dec, Fri 28,
  // Thu 27, Mon 24, Fri 21, Thu 20, Wed 19 Dec (25, 26 Dec and 1 Jan are holidays).
  assert.equal(latestDateWithClearWorkingDays('2019-01-03', 5, holidays), '2018-12-21');
  assert.equal(latestDateWithClearWorkingDays('2019-01-03', 8, holidays), '2018-12-18');
  // 2021: meeting Thursday 30 December 2021. Working days before: Wed 29, (27, 28 substitute
  // holidays) Fri 24, Thu 23, Wed 22, Tue 21 → 5 clear from Monday 20 December.
  assert.equal(latestDateWithClearWorkingDays('2021-12-30', 5, holidays), '2021-12-20');
  assert.equal(clearWorkingDaysBetween('2021-12-20', '2021-12-30', holidays), 5);
  // 2022: meeting Thursday 29 December 2022. Working days before: Wed 28, (26, 27 holidays)
  // Fri 23, Thu 22, Wed 21, Tue 20 → Monday 19 December.
  assert.equal(latestDateWithClearWorkingDays('2022-12-29', 5, holidays), '2022-12-19');
  // 2020: meeting Tuesday 29 December 2020. Before: (28 substitute, 25 Christmas) Thu 24,
  // Wed 23, Tue 22, Mon 21, Fri 18 → Thursday 17 December.
  assert.equal(latestDateWithClearWorkingDays('2020-12-29', 5, holidays), '2020-12-17');
  // With no clear days required: the working day before.
  assert.equal(latestDateWithClearWorkingDays('2018-06-04', 0, holidays), '2018-06-01');
  // A Monday meeting after a bank holiday weekend: Tue 29 May 2018 meeting, 5 clear: Fri 25,
  // Thu 24, Wed 23, Tue 22, Mon 21 → Friday 18 May.
  assert.equal(latestDateWithClearWorkingDays('2018-05-29', 5, holidays), '2018-05-18');
});

test('clear calendar days', () => {
  assert.equal(clearDaysBetween('2018-05-02', '2018-05-31'), 28);
  assert.equal(clearDaysBetween('2018-05-03', '2018-05-31'), 27);
  assert.equal(clearDaysBetween('2018-05-30', '2018-05-31'), 0);
  assert.equal(clearDaysBetween('2018-05-31', '2018-05-30'), 0);
  assert.equal(latestDateWithClearDays('2018-05-31', 28), '2018-05-02');
  assert.equal(latestDateWithClearDays('2019-03-07', 28), '2019-02-06');
  assert.equal(latestDateWithClearDays('2020-03-26', 28), '2020-02-26'); // 27, 28, 29 February and 1–25 March
  assert.equal(latestDateWithClearDays('2018-05-31', 0), '2018-05-30');
});

test('bad dates and counts are refused with a clear TypeError', () => {
  for (const bad of ['2019-02-30', '2019-13-01', '2018-02-29', '31/05/2018', '2018-5-31', '', '2018-05-31T00:00:00Z']) {
    assert.throws(() => addDays(bad, 1), TypeError, bad);
    assert.throws(() => isWorkingDay(bad, holidays), TypeError, bad);
    assert.throws(() => clearWorkingDaysBetween(bad, '2018-05-31', holidays), TypeError, bad);
    assert.throws(() => latestDateWithClearWorkingDays(bad, 5, holidays), TypeError, bad);
  }
  assert.throws(() => addDays('2019-02-30', 1), { name: 'TypeError', message: "The date '2019-02-30' is not a real date" });
  assert.throws(() => addDays('31/05/2018', 1), { name: 'TypeError', message: "The date must be a date written yyyy-mm-dd, but was '31/05/2018'" });
  assert.throws(() => workingDaysBefore('2018-05-31', -1, holidays), { name: 'TypeError', message: /zero or more, but was -1/ });
  assert.throws(() => latestDateWithClearWorkingDays('2018-05-31', -5, holidays), TypeError);
  assert.throws(() => latestDateWithClearWorkingDays('2018-05-31', 2.5, holidays), TypeError);
  assert.throws(() => latestDateWithClearDays('2018-05-31', -1), TypeError);
  assert.throws(() => addDays('2018-05-31', 1.5), TypeError);
  assert.throws(() => addDays('2018-05-31', Number.NaN), TypeError);
  assert.throws(() => weekdayName(null as unknown as string), { name: 'TypeError', message: /but was null/ });
});

// ---------------------------------------------------------------------------------------------
// Properties

// Any day from 1995 to 2035, so the walk can cross the shipped list's edges as well.
const isoDate = fc.integer({ min: 0, max: 40 * 366 }).map((n) => addDays('1995-01-01', n));

test('property: latestDateWithClearWorkingDays is exactly the boundary of the clear-days rule', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: 0, max: 40 }), (meeting, n) => {
      const latest = latestDateWithClearWorkingDays(meeting, n, holidays);
      // It is a working day before the meeting…
      assert.equal(isWorkingDay(latest, holidays), true);
      assert.ok(latest < meeting);
      // …leaving exactly n clear working days (the n working days between it and the meeting)…
      assert.equal(clearWorkingDaysBetween(latest, meeting, holidays), n);
      // …and any later day leaves fewer (for n > 0): the next working day after it leaves n − 1.
      let next = addDays(latest, 1);
      while (!isWorkingDay(next, holidays)) next = addDays(next, 1);
      if (n > 0) assert.equal(clearWorkingDaysBetween(next, meeting, holidays), n - 1);
      // No later WORKING day qualifies. (A weekend or holiday just after it can still leave n:
      // Saturday before a Friday-to-Monday boundary has the same clear days as the Friday. That
      // is why the rule asks for the latest working day.)
      for (let d = addDays(latest, 1); d < meeting; d = addDays(d, 1)) {
        const clear = clearWorkingDaysBetween(d, meeting, holidays);
        if (n > 0 && isWorkingDay(d, holidays)) assert.ok(clear < n, d);
        if (!isWorkingDay(d, holidays)) assert.ok(clear <= n, d);
      }
    }),
  );
});

test('property: a working day D leaves at least n clear working days exactly when D <= latest', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), (meeting, back, n) => {
      let d = addDays(meeting, -back); // a working day before the meeting
      while (!isWorkingDay(d, holidays)) d = addDays(d, -1);
      const latest = latestDateWithClearWorkingDays(meeting, n, holidays);
      assert.equal(clearWorkingDaysBetween(d, meeting, holidays) >= n, d <= latest);
    }),
  );
});

test('property: clear working days add up, and never exceed clear calendar days', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (a, x, y) => {
      const b = addDays(a, x + 1);
      const c = addDays(b, y + 1);
      // Days strictly between a and c = those strictly between a and b, b itself, those strictly between b and c.
      const split = clearWorkingDaysBetween(a, b, holidays) + (isWorkingDay(b, holidays) ? 1 : 0) + clearWorkingDaysBetween(b, c, holidays);
      assert.equal(clearWorkingDaysBetween(a, c, holidays), split);
      assert.ok(clearWorkingDaysBetween(a, c, holidays) <= clearDaysBetween(a, c));
      assert.equal(clearDaysBetween(a, c), x + y + 1);
    }),
  );
});

test('property: workingDaysBefore(d, n) leaves n - 1 clear working days before d', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: 1, max: 40 }), (date, n) => {
      const before = workingDaysBefore(date, n, holidays);
      assert.equal(isWorkingDay(before, holidays), true);
      assert.equal(clearWorkingDaysBetween(before, date, holidays), n - 1);
      assert.equal(latestDateWithClearWorkingDays(date, n - 1, holidays), before);
    }),
  );
});

// ---------------------------------------------------------------------------------------------
// Bank holiday lists

test('the shipped list is GOV.UK England and Wales, 2000 to 2030', () => {
  const shipped = shippedBankHolidays();
  assert.equal(shipped[0], '2000-01-03');
  assert.equal(shipped[shipped.length - 1], '2030-12-26');
  assert.equal(shipped.length, 254);
  assert.deepEqual([...shipped].sort(), shipped);
  assert.ok(shipped.includes('2018-05-28'));
  assert.ok(shipped.includes('2019-04-19'));
  shipped.push('1999-01-01'); // the cache hands out copies
  assert.equal(shippedBankHolidays().length, 254);
  assert.equal(holidays.size, 254);
});

test('an upload replaces the shipped dates for the years it covers, and only those', () => {
  const shipped = ['2018-05-28', '2018-12-25', '2019-05-27', '2019-12-25', '2020-12-25', '2021-12-27'];
  // An upload covering 2019–2020 (say, a council adding a local holiday and GOV.UK moving one).
  const uploaded = ['2019-05-27', '2019-09-02', '2020-12-25', '2020-12-28'];
  const merged = mergeBankHolidays(shipped, uploaded);
  assert.deepEqual([...merged].sort(), ['2018-05-28', '2018-12-25', '2019-05-27', '2019-09-02', '2020-12-25', '2020-12-28', '2021-12-27']);
  assert.equal(merged.has('2019-12-25'), false); // a 2019 shipped date the upload does not list is gone
  // A single-year upload replaces just that year.
  assert.deepEqual([...mergeBankHolidays(shipped, ['2021-01-01'])].sort(), [
    '2018-05-28',
    '2018-12-25',
    '2019-05-27',
    '2019-12-25',
    '2020-12-25',
    '2021-01-01',
  ]);
  // An upload beyond the shipped years adds them.
  assert.equal(mergeBankHolidays(shipped, ['2031-01-01']).size, shipped.length + 1);
  // No upload, or an empty one: the shipped dates.
  assert.deepEqual([...mergeBankHolidays(shipped, null)], shipped);
  assert.deepEqual([...mergeBankHolidays(shipped, [])], shipped);
  // Duplicates collapse.
  assert.equal(mergeBankHolidays(['2018-12-25', '2018-12-25'], null).size, 1);
  assert.throws(() => mergeBankHolidays(shipped, ['2019-02-30']), TypeError);
});

function govukFile(events: unknown[], division = 'england-and-wales'): string {
  return JSON.stringify({
    [division]: { division, events },
    scotland: { division: 'scotland', events: [{ title: 'St Andrew’s Day', date: '2019-12-02', notes: '', bunting: true }] },
  });
}

test('parseBankHolidaysJson reads a GOV.UK file, deduplicating and sorting', () => {
  const text = govukFile([
    { title: 'Christmas Day', date: '2019-12-25', notes: '', bunting: true },
    { title: 'Easter Monday', date: '2019-04-22', notes: '', bunting: true },
    { title: 'Christmas Day', date: '2019-12-25', notes: '', bunting: true },
    { title: 'New Year’s Day', date: '2020-01-01', notes: '', bunting: true },
  ]);
  assert.deepEqual(parseBankHolidaysJson(text), { ok: true, dates: ['2019-04-22', '2019-12-25', '2020-01-01'], firstYear: 2019, lastYear: 2020 });
  // The real shipped file parses, and a byte-order mark is tolerated.
  const shipped = shippedBankHolidays();
  const withBom = `\uFEFF${JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: shipped.map((date) => ({ title: 'x', date })) } })}`;
  assert.deepEqual(parseBankHolidaysJson(withBom), { ok: true, dates: shipped, firstYear: 2000, lastYear: 2030 });
});

test('parseBankHolidaysJson explains what is wrong with a bad upload and never throws', () => {
  const errors = (text: string) => {
    const result = parseBankHolidaysJson(text);
    assert.equal(result.ok, false);
    return (result as { errors: string[] }).errors;
  };
  assert.deepEqual(errors('<html>Not found</html>'), ['The file is not JSON. Upload the bank-holidays.json file from GOV.UK']);
  assert.deepEqual(errors(''), ['The file is empty']);
  assert.match(errors('[1, 2]')[0]!, /not in the GOV\.UK bank holidays format/);
  assert.match(errors('null')[0]!, /not in the GOV\.UK bank holidays format/);
  assert.deepEqual(errors(govukFile([{ date: '2019-12-02' }], 'scotland')), ["The file has no 'england-and-wales' division"]);
  assert.deepEqual(errors(JSON.stringify({ 'england-and-wales': { division: 'england-and-wales' } })), [
    "The 'england-and-wales' division in the file has no list of events",
  ]);
  assert.deepEqual(errors(govukFile([])), ["The 'england-and-wales' division in the file has no events"]);
  assert.deepEqual(
    errors(
      govukFile([
        { title: 'New Year’s Day', date: '2019-01-01' },
        { title: 'Good Friday', date: '2019-04-19' },
        { title: 'Easter Monday' },
        { title: 'Not a day', date: '2019-02-30' },
        { title: 'Written the British way', date: '27/05/2019' },
        'Christmas',
        { title: 'Number', date: 20191225 },
        { title: 'Far past', date: '0219-12-25' },
      ]),
    ),
    [
      'Event 3 has no date',
      "Event 4 has the date '2019-02-30', which is not a real date",
      "Event 5 has the date '27/05/2019', which is not written yyyy-mm-dd",
      'Event 6 is not in the GOV.UK format: each event should have a title and a date',
      "Event 7 has the date '20191225', which is not written yyyy-mm-dd",
      "Event 8 has the date '0219-12-25', which is outside the years 1900 to 2199",
    ],
  );
  // A year missing from the middle of the range would wipe that year's shipped holidays.
  assert.deepEqual(errors(govukFile([{ date: '2019-12-25' }, { date: '2021-12-27' }])), [
    'The file has no bank holidays in 2020, although it covers 2019 to 2021. Every year has bank holidays, so some are missing',
  ]);
  // Too big: refused before parsing.
  assert.match(errors(' '.repeat(1024 * 1024 + 1))[0]!, /larger than 1 MB/);
  assert.match(errors(`${govukFile([{ date: '2019-12-25' }])}${' '.repeat(600 * 1024)}${'é'.repeat(300 * 1024)}`)[0]!, /larger than 1 MB/);
  // Many problems: the first 20, then a count.
  const many = errors(govukFile(Array.from({ length: 25 }, () => ({ date: 'soon' }))));
  assert.equal(many.length, 21);
  assert.equal(many[20], 'There are 5 more problems in the file');
  // Never throws, whatever it is given.
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      const result = parseBankHolidaysJson(text);
      assert.equal(typeof result.ok, 'boolean');
    }),
  );
});
