// Typed cells in exports: numbers as numbers and dates as dates in an XLSX, the same cells as text in a CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { dateCell, dateOrText, numberOrText } from '../../src/documents/cells.ts';
import { toCsv } from '../../src/documents/csv.ts';
import { readSpreadsheet, writeXlsx } from '../../src/documents/spreadsheet.ts';

test('writeXlsx writes numbers as numbers and dates as dd/mm/yyyy dates, so a column sums and sorts', async () => {
  const rows = [
    ['Date', 'Value', 'Note'],
    [dateCell('2018-04-17'), 10, 'Provisional'],
    [dateCell('2018-05-01'), -2, ''],
    [new Date(Date.UTC(2018, 5, 1, 14, 30)), null, '=SUM(B2:B3)'],
  ];
  const bytes = await writeXlsx('Values', rows);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  assert.equal(sheet.getCell('A2').type, ExcelJS.ValueType.Date);
  assert.deepEqual(sheet.getCell('A2').value, new Date(Date.UTC(2018, 3, 17)));
  assert.equal(sheet.getCell('A2').numFmt, 'dd/mm/yyyy');
  assert.equal(sheet.getCell('A4').numFmt, 'dd/mm/yyyy hh:mm');
  assert.equal(sheet.getCell('B2').type, ExcelJS.ValueType.Number);
  assert.equal((sheet.getCell('B2').value as number) + (sheet.getCell('B3').value as number), 8);
  assert.equal(sheet.getCell('C4').type, ExcelJS.ValueType.String, 'text that looks like a formula stays text');
  assert.equal(sheet.getCell('A2').alignment?.wrapText, true);
  // Read back as the text Excel shows, and written to CSV the same way.
  assert.deepEqual((await readSpreadsheet(bytes, 'values.xlsx')).slice(1), [
    ['17/04/2018', '10', 'Provisional'],
    ['01/05/2018', '-2'],
    ['01/06/2018 14:30', '', '=SUM(B2:B3)'],
  ]);
  assert.equal(toCsv(rows, { bom: false }).split('\r\n')[1], '17/04/2018,10,Provisional');
});

test('numberOrText and dateOrText change only what is plainly a number or a date', () => {
  assert.equal(numberOrText('9.8'), 9.8);
  assert.equal(numberOrText('-5'), -5);
  assert.equal(numberOrText('0.10'), '0.10', 'a number written with a trailing zero is not silently changed');
  assert.equal(numberOrText('1.1.2'), '1.1.2');
  assert.equal(numberOrText('12345678901234567890'), '12345678901234567890', 'too long for a number without loss');
  assert.equal(numberOrText(''), '');
  assert.deepEqual(dateOrText('17/04/2018'), new Date(Date.UTC(2018, 3, 17)));
  assert.equal(dateOrText('31/02/2018'), '31/02/2018');
  assert.equal(dateOrText('April 2018'), 'April 2018');
  assert.equal(dateCell(null), '');
  assert.equal(dateCell('2018-02-30'), '');
});
