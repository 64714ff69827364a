// The words and estimate on a long import's progress page (issue 19): about how many rows a file has, and how
// far the import has got.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimatedRows } from '../../src/performance/values-io.ts';
import { progressText } from '../../src/performance/values-io.routes.ts';

const file = (text: string, filename = 'values.csv') => ({ filename, data: Buffer.from(text) });

describe('a values import: its estimated rows and its progress in words', () => {
  it("counts a CSV's lines under its header, with or without a last line break", () => {
    assert.equal(estimatedRows(file('Indicator code,Value\r\nA,1\r\nB,2\r\n')), 2);
    assert.equal(estimatedRows(file('Indicator code,Value\nA,1\nB,2')), 2);
    assert.equal(estimatedRows(file('Indicator code,Value\n')), 0);
    assert.equal(estimatedRows(file('')), 0);
    // A quoted line break is counted as a line: the page says "about".
    assert.equal(estimatedRows(file('Indicator code,Commentary\nA,"two\nlines"\n')), 2);
  });

  it("does not guess a workbook's rows", () => {
    assert.equal(estimatedRows(file('PK\u0003\u0004', 'values.xlsx')), null);
  });

  it('says how many rows are read and checked, or written, with thousands separated', () => {
    assert.equal(progressText({ step: 'checking', rowsDone: 120000, rowsTotal: 1000000 }), '120,000 of about 1,000,000 rows read and checked');
    assert.equal(progressText({ step: 'checking', rowsDone: 5000, rowsTotal: null }), '5,000 rows read and checked');
    assert.equal(progressText({ step: 'writing', rowsDone: 20000, rowsTotal: 150000 }), '20,000 of 150,000 rows written');
  });
});
