// csvRows reads a CSV a few rows at a time (the values import checks and writes each batch while it reads the
// next); valueChecker checks them a batch at a time. Read or checked in batches of any size, the answer must be
// what the whole file gives: the same rows (quotes, line breaks inside quotes, CRLF, blank lines, a byte order
// mark), and the same problems, row numbers and valid rows (a period given twice across two batches included).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvError, csvRows, parseCsv } from '../../src/documents/csv.ts';
import { type ImportIndicator, VALUE_COLUMNS, validateValueRows, valueChecker } from '../../src/performance/values-validation.ts';

const TRICKY = '\uFEFFa,b,c\r\n"quoted, with comma","line\nbreak",plain\r\n\r\n"say ""hello""",,end\nlast,row,"x"y';

const inBatches = (text: string, size: number) => {
  const reader = csvRows(text);
  const rows: string[][] = [];
  for (let batch = reader.next(size); batch.length; batch = reader.next(size)) {
    assert.ok(batch.length <= size);
    rows.push(...batch);
  }
  return rows;
};

const INDICATORS: ImportIndicator[] = [
  { id: '00000000-0000-4000-8000-000000000001', code: 'A1', title: 'First', frequency: 'monthly', unit: 'count', decimals: 0 },
  { id: '00000000-0000-4000-8000-000000000002', code: 'B2', title: 'Second', frequency: 'quarterly', unit: 'percentage', decimals: 1 },
];

describe('reading and checking a values file a batch at a time', () => {
  it('reads the same rows as the whole file, in batches of any size', () => {
    const whole = parseCsv(TRICKY);
    assert.equal(whole.length, 5);
    assert.deepEqual(whole[1], ['quoted, with comma', 'line\nbreak', 'plain']);
    assert.deepEqual(whole[2], ['']);
    assert.deepEqual(whole[3], ['say "hello"', '', 'end']);
    assert.deepEqual(whole[4], ['last', 'row', 'xy']);
    for (const size of [1, 2, 3, 1000]) assert.deepEqual(inBatches(TRICKY, size), whole, `batches of ${size}`);
    assert.deepEqual(inBatches('', 5), []);
    assert.deepEqual(inBatches('\uFEFF', 5), []);
  });

  it('reports a quoted cell that never closes with its line, in whichever batch it comes', () => {
    const text = 'a,b\n1,2\n3,"open\nstill open';
    const reader = csvRows(text);
    assert.deepEqual(reader.next(1), [['a', 'b']]);
    assert.deepEqual(reader.next(1), [['1', '2']]);
    assert.throws(
      () => reader.next(1),
      (e) => e instanceof CsvError && e.line === 3,
    );
  });

  it('checks in batches exactly as the whole file, a period given twice across two batches included', () => {
    const lines = [
      '',
      VALUE_COLUMNS.join(','),
      'A1,,March 2026,5,,,final,,,,,',
      'A1,,April 2026,not a number,,,final,,,,,',
      'B2,,2025/26 Q4,12.5,,,provisional,,,,,',
      ',,,,,,,,,,,',
      'A1,,May 2026,7,,,final,10,,,,',
      'Z9,,May 2026,7,,,final,,,,,',
      'A1,,2026-03-01,6,,,final,,,,,',
    ];
    const rows = parseCsv(lines.join('\r\n'));
    const whole = validateValueRows(rows, INDICATORS);
    assert.deepEqual(
      whole.problems.map((p) => `${p.row} ${p.column}`),
      ['3 Period', '4 Value', '8 Indicator code', '9 Period'],
    );
    assert.deepEqual(
      whole.valid.map((v) => v.row),
      [5, 7],
    );
    for (const size of [1, 2, 4]) {
      const checker = valueChecker(INDICATORS);
      const valid = [];
      for (let k = 0; k < rows.length; k += size) valid.push(...checker.check(rows.slice(k, k + size)));
      const { problems, duplicateRows, totalRows } = checker.finish();
      assert.deepEqual(problems, whole.problems, `batches of ${size}`);
      assert.equal(totalRows, whole.totalRows);
      assert.deepEqual(
        valid.filter((v) => !duplicateRows.has(v.row)),
        whole.valid,
      );
      assert.equal(checker.hasProblems(), true);
    }
  });

  it('says the file is empty, or names a missing column, however it is cut', () => {
    for (const size of [1, 3]) {
      const empty = valueChecker(INDICATORS);
      empty.check([['']].slice(0, size));
      assert.match(empty.finish().problems[0]!.message, /^The file is empty/);
      const noStatus = valueChecker(INDICATORS);
      const header = VALUE_COLUMNS.filter((c) => c !== 'Status');
      noStatus.check([[''], header, ['A1', '', 'March 2026']].slice(0, size));
      if (size === 3)
        assert.deepEqual(noStatus.finish().problems, [{ row: 2, column: 'Status', message: 'The header row must have a column headed ‘Status’' }]);
    }
  });
});
