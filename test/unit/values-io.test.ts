// The import format for indicator values: every problem reported by row (as Excel numbers it,
// header = row 1) and column, values checked against their numerators and denominators with the
// service's rule, periods read as people write them, and exports that read back unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/documents/csv.ts';
import { ValidationError } from '../../src/web/errors.ts';
import { checkValueAgainstRatio, readValueRows, toCsvText, toXlsx } from '../../src/performance/values-io.ts';
import { readPeriodCell, validateValueRows, VALUE_COLUMNS, type ImportIndicator } from '../../src/performance/values-validation.ts';

const NI16: ImportIndicator = {
  id: '00000000-0000-4000-8000-000000000016',
  code: 'NI 16',
  title: 'Serious acquisitive crime rate',
  frequency: 'annual',
  unit: 'rate_per_1000',
  decimals: 2,
};
const MARAC: ImportIndicator = {
  id: '00000000-0000-4000-8000-000000000001',
  code: null,
  title: 'MARAC referrals',
  frequency: 'quarterly',
  unit: 'count',
  decimals: 0,
};
const ABSENCE: ImportIndicator = {
  id: '00000000-0000-4000-8000-000000000002',
  code: 'PA 1',
  title: 'Persistent absence',
  frequency: 'monthly',
  unit: 'percentage',
  decimals: 1,
};
const INDICATORS = [NI16, MARAC, ABSENCE];
const HEADER = [...VALUE_COLUMNS];

/** A row from the columns that matter; the rest empty. */
function row(cells: Partial<Record<(typeof VALUE_COLUMNS)[number], string>>): string[] {
  return VALUE_COLUMNS.map((c) => cells[c] ?? '');
}
const validate = (...rows: string[][]) => validateValueRows([HEADER, ...rows], INDICATORS);

test('NI 16: 12.53 per 1,000 agrees with 7,390 offences in a population of 589,784', () => {
  const { valid, problems } = validate(
    row({
      'Indicator code': 'NI 16',
      Indicator: 'Serious acquisitive crime rate',
      Period: '2008/09',
      Value: '12.53',
      Numerator: '7,390',
      Denominator: '589,784',
      Status: 'Provisional',
      Target: '12.2',
      'Statistical neighbours': '11.9',
      England: '13.1',
      Commentary: 'Serious acquisitive crime has risen by 5%.',
    }),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(valid, [
    {
      row: 2,
      indicatorId: NI16.id,
      periodStart: '2008-04-01',
      hasValue: true,
      value: 12.53,
      numerator: 7390,
      denominator: 589784,
      status: 'provisional',
      commentary: 'Serious acquisitive crime has risen by 5%.',
      correctiveAction: '',
      statNeighbours: 11.9,
      england: 13.1,
      target: 12.2,
    },
  ]);
});

test('NI 16: 12.9 with the same numerator and denominator is refused, giving the value they make', () => {
  const { valid, problems } = validate(row({ 'Indicator code': 'NI 16', Period: '2008/09', Value: '12.9', Numerator: '7390', Denominator: '589784' }));
  assert.deepEqual(valid, []);
  assert.deepEqual(problems, [{ row: 2, column: 'Value', message: 'The value 12.9 does not match the numerator and denominator, which give 12.53' }]);
});

test('the value rule: computed when missing, both or neither, no zero denominator, a commentary when there is no value', () => {
  const ni16 = { unit: 'rate_per_1000', decimals: 2 };
  assert.deepEqual(checkValueAgainstRatio(ni16, { value: null, numerator: 7390, denominator: 589784, commentary: '' }), { ok: true, value: 12.53 });
  assert.deepEqual(checkValueAgainstRatio(ni16, { value: 12.534, numerator: 7390, denominator: 589784, commentary: '' }), { ok: true, value: 12.534 });
  assert.deepEqual(checkValueAgainstRatio(ni16, { value: 12.54, numerator: 7390, denominator: 589784, commentary: '' }), {
    ok: false,
    field: 'value',
    message: 'The value 12.54 does not match the numerator and denominator, which give 12.53',
  });
  assert.deepEqual(checkValueAgainstRatio(ni16, { value: 12.53, numerator: 7390, denominator: null, commentary: '' }), {
    ok: false,
    field: 'denominator',
    message: 'Give both the numerator and the denominator, or neither',
  });
  assert.deepEqual(checkValueAgainstRatio(ni16, { value: 12.53, numerator: null, denominator: 589784, commentary: '' }), {
    ok: false,
    field: 'numerator',
    message: 'Give both the numerator and the denominator, or neither',
  });
  assert.deepEqual(checkValueAgainstRatio(ni16, { value: null, numerator: 1, denominator: 0, commentary: '' }), {
    ok: false,
    field: 'denominator',
    message: 'The denominator cannot be 0',
  });
  assert.deepEqual(checkValueAgainstRatio(ni16, { value: null, numerator: null, denominator: null, commentary: '' }), {
    ok: false,
    field: 'value',
    message: 'Enter the value, or a commentary saying why there is none',
  });
  assert.deepEqual(checkValueAgainstRatio(ni16, { value: null, numerator: null, denominator: null, commentary: 'Data not yet published' }), {
    ok: true,
    value: null,
  });
  // A count has no ratio: a numerator and denominator are kept, not checked against the value.
  assert.deepEqual(checkValueAgainstRatio({ unit: 'count', decimals: 0 }, { value: 52, numerator: 1, denominator: 3, commentary: '' }), {
    ok: true,
    value: 52,
  });
});

test('a file with two bad rows gives exactly those two problems, by row and column, and the other rows are valid', () => {
  const { valid, problems, totalRows } = validate(
    row({ 'Indicator code': 'NI 16', Period: '2007/08', Value: '12.53', Numerator: '7390', Denominator: '589784' }),
    row({ 'Indicator code': 'NI 16', Period: '2008/09', Value: '12,5a' }),
    row({ Indicator: 'MARAC referrals', Period: '2008/09 Q1', Value: '52' }),
    [],
    row({ Indicator: 'MARAC referrals', Period: '2008/09 Q2', Value: '62' }),
    row({ 'Indicator code': 'NI 99', Indicator: 'Not in the catalogue', Period: '2008/09', Value: '1' }),
    row({ 'Indicator code': 'pa 1', Period: 'March 2018', Value: '84.8%' }),
  );
  assert.equal(totalRows, 6, 'the blank line is not a row of values');
  assert.deepEqual(problems, [
    { row: 3, column: 'Value', message: 'Value must be a number, like 12.53, not ‘12,5a’' },
    { row: 7, column: 'Indicator code', message: 'There is no indicator with the code ‘NI 99’: check the code, or add the indicator first' },
  ]);
  assert.deepEqual(
    valid.map((v) => [v.row, v.indicatorId, v.periodStart, v.value]),
    [
      [2, NI16.id, '2007-04-01', 12.53],
      [4, MARAC.id, '2008-04-01', 52],
      [6, MARAC.id, '2008-07-01', 62],
      [8, ABSENCE.id, '2018-03-01', 84.8],
    ],
  );
});

test('every problem in a row is reported, each against its column', () => {
  const { problems } = validate(
    row({
      'Indicator code': 'NI 16',
      Period: '2008/09',
      Value: 'n/k',
      Numerator: '7390',
      Status: 'draft',
      Target: 'high',
      England: '£',
      Commentary: 'Line one\u0007',
    }),
  );
  assert.deepEqual(
    problems.map((p) => [p.row, p.column]),
    [
      [2, 'Value'],
      [2, 'Status'],
      [2, 'Target'],
      [2, 'England'],
      [2, 'Commentary'],
    ],
  );
  assert.match(problems.find((p) => p.column === 'Status')!.message, /^Status must be provisional or final, not ‘draft’$/);
  assert.match(problems.find((p) => p.column === 'Commentary')!.message, /control character/);
});

test('numerator without denominator, a zero denominator, no value and no commentary', () => {
  const { problems } = validate(
    row({ 'Indicator code': 'NI 16', Period: '2008/09', Value: '12.53', Numerator: '7390' }),
    row({ 'Indicator code': 'NI 16', Period: '2009/10', Numerator: '7390', Denominator: '0' }),
    row({ 'Indicator code': 'NI 16', Period: '2010/11', Status: 'final' }),
  );
  assert.deepEqual(problems, [
    { row: 2, column: 'Denominator', message: 'Give both the numerator and the denominator, or neither' },
    { row: 3, column: 'Denominator', message: 'The denominator cannot be 0' },
    { row: 4, column: 'Value', message: 'Enter the value, or a commentary saying why there is none' },
  ]);
});

test('the same indicator and period twice: every such row is a problem, naming the others, and none is imported', () => {
  const { valid, problems } = validate(
    row({ 'Indicator code': 'PA 1', Period: 'March 2018', Value: '10.1' }),
    row({ 'Indicator code': 'PA 1', Period: 'April 2018', Value: '10.2' }),
    row({ 'Indicator code': 'pa 1', Period: '2018-03', Value: '10.3' }),
    row({ 'Indicator code': 'PA 1', Period: '01/03/2018', Value: '10.4' }),
  );
  assert.deepEqual(problems, [
    { row: 2, column: 'Period', message: 'This indicator and period are also on rows 4 and 5: give each period once' },
    { row: 4, column: 'Period', message: 'This indicator and period are also on rows 2 and 5: give each period once' },
    { row: 5, column: 'Period', message: 'This indicator and period are also on rows 2 and 4: give each period once' },
  ]);
  assert.deepEqual(
    valid.map((v) => v.row),
    [3],
  );
});

test('periods: labels and first days for each frequency; other days refused with the label to write', () => {
  const start = (text: string, f: 'monthly' | 'quarterly' | 'annual') => {
    const read = readPeriodCell(text, f);
    return 'start' in read ? read.start : read.message;
  };
  for (const text of ['March 2018', 'Mar 2018', 'march 2018', '2018-03', '2018-3', '2018-03-01', '01/03/2018', '1/3/2018']) {
    assert.equal(start(text, 'monthly'), '2018-03-01', text);
  }
  for (const text of ['2017/18 Q3', 'Q3 2017/18', '2017-18 Q3', 'Quarter 3 2017/18', '2017-10-01', '01/10/2017']) {
    assert.equal(start(text, 'quarterly'), '2017-10-01', text);
  }
  for (const text of ['2017/18', '2017-18', '2017/2018', '2017-04-01']) assert.equal(start(text, 'annual'), '2017-04-01', text);
  assert.equal(start('2018-03-15', 'monthly'), '‘2018-03-15’ is not the first day of a month: for this monthly indicator write March 2018');
  assert.equal(start('2017-11-01', 'quarterly'), '‘2017-11-01’ is not the first day of a quarter: for this quarterly indicator write 2017/18 Q3');
  assert.equal(start('2018-01-01', 'annual'), '‘2018-01-01’ is not the first day of a financial year: for this annual indicator write 2017/18');
  assert.equal(start('2018-02-30', 'monthly'), '‘2018-02-30’ is not a real date: write the period like March 2018');
  assert.equal(start('2017/19', 'annual'), '‘2017/19’ is not a period: for this annual indicator write it like 2017/18');
  assert.equal(start('March 2018', 'quarterly'), '‘March 2018’ is not a period: for this quarterly indicator write it like 2017/18 Q3');
  assert.equal(start('', 'monthly'), 'Enter the period, like March 2018');
  const { problems } = validate(row({ 'Indicator code': 'PA 1', Period: '2018-03-15', Value: '10' }));
  assert.deepEqual(problems, [
    { row: 2, column: 'Period', message: '‘2018-03-15’ is not the first day of a month: for this monthly indicator write March 2018' },
  ]);
});

test('indicators by code in any case, or by exact name when there is no code; ambiguous names refused', () => {
  const twin = { ...MARAC, id: '00000000-0000-4000-8000-000000000003' };
  const { problems, valid } = validateValueRows(
    [
      HEADER,
      row({ Indicator: 'MARAC referrals', Period: '2008/09 Q1', Value: '52' }),
      row({ Indicator: 'marac referrals', Period: '2008/09 Q1', Value: '52' }),
      row({ 'Indicator code': 'ni 16', Period: '2008/09', Commentary: 'Not yet published' }),
      row({ Period: '2008/09', Value: '1' }),
    ],
    [NI16, MARAC, twin],
  );
  assert.deepEqual(problems, [
    { row: 2, column: 'Indicator', message: 'More than one indicator is called ‘MARAC referrals’: give its code' },
    { row: 3, column: 'Indicator', message: 'There is no indicator called ‘marac referrals’: check the name, or give the indicator’s code' },
    { row: 5, column: 'Indicator code', message: 'Enter the indicator’s code, or its name when it has no code' },
  ]);
  assert.deepEqual(
    valid.map((v) => [v.row, v.value, v.commentary]),
    [[4, null, 'Not yet published']],
  );
});

test('a row with only a target sets the target; over-long text and missing columns are refused', () => {
  const { valid, problems } = validate(
    row({ 'Indicator code': 'NI 16', Period: '2010/11', Target: '12.2' }),
    row({ 'Indicator code': 'NI 16', Period: '2009/10', Value: '12.4', Commentary: 'x'.repeat(20_001) }),
  );
  assert.deepEqual(
    valid.map((v) => [v.row, v.hasValue, v.value, v.target]),
    [[2, false, null, 12.2]],
  );
  assert.deepEqual(problems, [{ row: 3, column: 'Commentary', message: 'Commentary must be 20,000 characters or fewer (it has 20,001)' }]);

  const missing = validateValueRows(
    [
      ['Indicator code', 'Period', 'Value'],
      ['NI 16', '2008/09', '12.53'],
    ],
    INDICATORS,
  );
  assert.deepEqual(missing.valid, []);
  assert.deepEqual(
    missing.problems.map((p) => [p.row, p.column]),
    [
      [1, 'Indicator'],
      [1, 'Numerator'],
      [1, 'Denominator'],
      [1, 'Status'],
      [1, 'Target'],
      [1, 'Statistical neighbours'],
      [1, 'England'],
      [1, 'Commentary'],
      [1, 'Corrective action'],
    ],
  );
  assert.equal(missing.problems[0]!.message, 'The header row must have a column headed ‘Indicator’');
  assert.match(validateValueRows([], INDICATORS).problems[0]!.message, /^The file is empty/);
});

test('columns in any order, headers in any case, blank lines above the header', () => {
  const header = ['period', 'VALUE', ...VALUE_COLUMNS.filter((c) => c !== 'Period' && c !== 'Value')];
  const cells = ['2008/09', '12.53', 'NI 16', '', '7390', '589784', '', '', '', '', '', ''];
  const { valid, problems } = validateValueRows([[''], header, cells], INDICATORS);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    valid.map((v) => [v.row, v.periodStart, v.value, v.numerator]),
    [[3, '2008-04-01', 12.53, 7390]],
  );
});

test('an export reads back as the same values, through CSV and through Excel, negative numbers included', async () => {
  const rows = [
    HEADER,
    row({
      'Indicator code': 'NI 16',
      Indicator: 'Serious acquisitive crime rate',
      Period: '2008/09',
      Value: '12.53',
      Numerator: '7390',
      Denominator: '589784',
      Status: 'final',
      Target: '12.2',
      Commentary: '=HYPERLINK("x")',
      'Corrective action': 'Line one\nLine "two", with a comma',
    }),
    row({ Indicator: 'MARAC referrals', Period: '2008/09 Q1', Value: '-3', 'Statistical neighbours': '-1.5', Status: 'provisional' }),
    row({ 'Indicator code': 'PA 1', Indicator: 'Persistent absence', Period: 'March 2018', Target: '10' }),
  ];
  const expected = validateValueRows(rows, INDICATORS);
  assert.deepEqual(expected.problems, []);
  assert.equal(expected.valid.length, 3);
  const csv = toCsvText(rows);
  assert.match(csv, /,-3,/, 'a negative number is written as a number');
  const fromCsv = await readValueRows(new TextEncoder().encode(csv), 'values.csv');
  assert.deepEqual(validateValueRows(fromCsv, INDICATORS), expected);
  assert.deepEqual(validateValueRows(parseCsv(csv), INDICATORS), expected);
  const fromXlsx = await readValueRows(await toXlsx(rows), 'values.xlsx');
  assert.deepEqual(validateValueRows(fromXlsx, INDICATORS), expected);
});

test('a file that is not a spreadsheet is a problem with the file', async () => {
  await assert.rejects(
    readValueRows(new TextEncoder().encode('not a workbook'), 'values.xlsx'),
    (e: unknown) => e instanceof ValidationError && /is not an Excel workbook/.test(e.fieldErrors.file ?? ''),
  );
  await assert.rejects(
    readValueRows(new TextEncoder().encode('a,b'), 'values.pdf'),
    (e: unknown) => e instanceof ValidationError && e.fieldErrors.file === 'The file must be a CSV or an Excel workbook (.xlsx)',
  );
});
