// writeXlsx streams the workbook (ExcelJS's WorkbookWriter). The file is read here from its own XML (unzipped
// with fflate, not ExcelJS's reader): the header row frozen and bold with a filter, each column as wide as its
// longest line, dates as dates, shared strings; and an export larger than JavaScript's argument limit, which the
// old writer failed on (it spread every row into Math.max).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { readSpreadsheet, writeXlsx } from '../../src/documents/spreadsheet.ts';

const parts = (bytes: Uint8Array) => {
  const files = unzipSync(bytes);
  return (name: string) => strFromU8(files[name]!);
};

describe('writing an Excel workbook', () => {
  it('freezes and bolds the header row, filters it, sizes the columns and writes dates as dates', async () => {
    const bytes = await writeXlsx('Indicator values: 2026/27', [
      ['Indicator code', 'Indicator', 'Date'],
      ['KPI 1', 'A long indicator name that runs on\nand wraps', new Date(Date.UTC(2026, 2, 1))],
      ['KPI 2', 'Short', new Date(Date.UTC(2026, 3, 1, 10, 30))],
    ]);
    const part = parts(bytes);
    const workbook = part('xl/workbook.xml');
    // A sheet name cannot hold ':' or '/'; printed, the header row repeats on every page.
    assert.match(workbook, /<sheet [^>]*name="Indicator values {2}2026 27"/);
    assert.match(workbook, /<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Indicator values {2}2026 27&apos;!\$1:\$1<\/definedName>/);
    const sheet = part('xl/worksheets/sheet1.xml');
    assert.match(sheet, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    assert.match(sheet, /<autoFilter ref="A1:C1"\/>/);
    // Widths: at least 10, the longest line plus 2 (34 characters in column B's first line), at most 60.
    assert.match(sheet, /<col min="1" max="1" width="16"/);
    assert.match(sheet, /<col min="2" max="2" width="36"/);
    assert.match(sheet, /<pageSetup[^>]*orientation="landscape"/);
    const styles = part('xl/styles.xml');
    // The header's cells have a style of their own, whose font is bold.
    const headerStyle = Number(/<c r="A1" s="(\d+)"/.exec(sheet)![1]);
    const cellXfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)![1]!;
    const fontId = Number(/fontId="(\d+)"/.exec([...cellXfs.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/gs)][headerStyle]![0])![1]);
    const fonts = [.../<fonts[^>]*>(.*?)<\/fonts>/s.exec(styles)![1]!.matchAll(/<font>.*?<\/font>|<font\/>/gs)];
    assert.match(fonts[fontId]![0], /<b\/>/);
    assert.match(styles, /<b\/>/);
    assert.match(styles, /formatCode="dd\/mm\/yyyy"/);
    assert.match(styles, /formatCode="dd\/mm\/yyyy hh:mm"/);
    assert.match(part('xl/sharedStrings.xml'), /A long indicator name that runs on/);
    // Read back: the same text, and the dates as Excel shows them.
    const rows = await readSpreadsheet(bytes, 'x.xlsx');
    assert.deepEqual(rows[2], ['KPI 2', 'Short', '01/04/2026 10:30']);
  });

  it('writes more rows than a function can take arguments', async () => {
    const rows: (string | number)[][] = [['Code', 'Value']];
    for (let k = 0; k < 150_000; k++) rows.push([`KPI ${k}`, k]);
    const bytes = await writeXlsx('Many', rows);
    const sheet = parts(bytes)('xl/worksheets/sheet1.xml');
    assert.match(sheet, /<c r="B150001"[^>]*><v>149999<\/v><\/c>/);
  });
});
