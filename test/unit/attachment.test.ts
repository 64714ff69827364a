// Attachment links in GOV.UK's pattern (issue 17): type, size and pages ("PDF, 1.2 MB, 14 pages"), and the page
// counts read from the files themselves when they are stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { attachmentText, fileSizeText, pagesText } from '../../src/files/attachment.ts';
import { countPages, docxPages, odtPages, pdfPages } from '../../src/files/page-count.ts';
import { wordDocument } from '../documents.ts';

test('sizes read as GOV.UK writes them: bytes, whole KB, MB to one decimal place', () => {
  assert.equal(fileSizeText(0), '0 bytes');
  assert.equal(fileSizeText(1), '1 byte');
  assert.equal(fileSizeText(1023), '1023 bytes');
  assert.equal(fileSizeText(1024), '1 KB');
  assert.equal(fileSizeText(123 * 1024 + 100), '123 KB');
  assert.equal(fileSizeText(1023 * 1024), '1023 KB');
  assert.equal(fileSizeText(1024 * 1024 - 1), '1 MB', 'rounds up into MB rather than "1024 KB"');
  assert.equal(fileSizeText(1_258_291), '1.2 MB');
  assert.equal(fileSizeText(1024 * 1024), '1 MB');
  assert.equal(fileSizeText(15.46 * 1024 * 1024), '15 MB');
  assert.equal(fileSizeText(-5), '');
});

test('pages: one page, many pages, and none when not known', () => {
  assert.equal(pagesText(1), '1 page');
  assert.equal(pagesText(14), '14 pages');
  assert.equal(pagesText(0), '', '0 is "counted, but the file does not say"');
  assert.equal(pagesText(null), '');
  assert.equal(pagesText(undefined), '');
});

test('the attachment line: type, size, pages, leaving out what is not known', () => {
  assert.equal(attachmentText({ type: 'application/pdf', sizeBytes: 1_258_291, pageCount: 14 }), 'PDF, 1.2 MB, 14 pages');
  assert.equal(attachmentText({ type: 'PDF', sizeBytes: 123 * 1024, pageCount: 7 }), 'PDF, 123 KB, 7 pages');
  assert.equal(attachmentText({ type: 'PDF', sizeBytes: 2048, pageCount: 1 }), 'PDF, 2 KB, 1 page');
  assert.equal(
    attachmentText({ type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sizeBytes: 48 * 1024, pageCount: 0 }),
    'Word, 48 KB',
  );
  assert.equal(attachmentText({ type: 'application/vnd.oasis.opendocument.text', sizeBytes: 900, pageCount: 2 }), 'OpenDocument text, 900 bytes, 2 pages');
  assert.equal(attachmentText({ type: 'PDF', sizeBytes: null, pageCount: null }), 'PDF');
  assert.equal(attachmentText({ type: 'application/x-unknown', sizeBytes: 10 }), 'File, 10 bytes');
});

test('pages are read from a PDF, from Word’s docProps/app.xml and from an OpenDocument text’s meta.xml', async () => {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) doc.addPage();
  const pdf = await doc.save();
  assert.equal(await pdfPages(pdf), 3);
  assert.equal(await countPages('application/pdf', pdf), 3);
  assert.equal(await pdfPages(new TextEncoder().encode('not a pdf')), null);

  const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
  const withStats = zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    'word/document.xml': strToU8('<w:document/>'),
    'docProps/app.xml': strToU8(
      '<?xml version="1.0"?><Properties><Template>Normal.dotm</Template><TotalTime>3</TotalTime><Pages>14</Pages><Words>2650</Words></Properties>',
    ),
  });
  assert.equal(docxPages(withStats), 14);
  assert.equal(await countPages('application/vnd.openxmlformats-officedocument.wordprocessingml.document', withStats), 14);
  assert.equal(docxPages(wordDocument()), null, 'a Word file saved without statistics does not say');
  assert.equal(docxPages(new Uint8Array([1, 2, 3])), null, 'nor does a damaged one');

  const odt = zipSync({ 'meta.xml': strToU8('<office:meta><meta:document-statistic meta:page-count="5" meta:word-count="900"/></office:meta>') });
  assert.equal(odtPages(odt), 5);
  assert.equal(await countPages('text/csv', strToU8('a,b')), null, 'a CSV file has no pages');
});
