import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUpload, contentDisposition, MAX_UPLOAD_BYTES, safeFilename } from '../../src/documents/file-types.ts';
import { isContainerOf } from '../../src/documents/zip-container.ts';
import { openDocumentText, wordDocument } from '../documents.ts';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);

describe('uploads', () => {
  it('accepts a PDF and a Word file by their content and name', () => {
    const ok = checkUpload({ filename: 'Terms of reference.pdf', data: pdf });
    assert.ok(ok.ok && ok.type.contentType === 'application/pdf');
    const docx = checkUpload({ filename: 'tor.DOCX', data: wordDocument() });
    assert.ok(docx.ok && docx.type.label === 'Word');
  });
  it('refuses a file whose content is not what its name says', () => {
    assert.deepEqual(checkUpload({ filename: 'tor.pdf', data: Buffer.from('<html><script>alert(1)</script>') }), {
      ok: false,
      error: 'The selected file is not a real PDF file. Save it again as PDF and upload it',
    });
    assert.equal(checkUpload({ filename: 'tor.docx', data: pdf }).ok, false);
  });
  it('refuses a file named .docx or .odt that starts like a zip but is not a document inside', () => {
    // The zip signature and garbage, as an attacker sent it.
    assert.deepEqual(checkUpload({ filename: 'tor.docx', data: Buffer.concat([zip, Buffer.from('garbage after the signature')]) }), {
      ok: false,
      error: 'The selected file is not a real Word file: it could not be opened. Save it again as Word and upload it',
    });
    // A real zip, but of an OpenDocument text named as Word, and the other way round.
    assert.equal(checkUpload({ filename: 'tor.docx', data: openDocumentText() }).ok, false);
    assert.equal(checkUpload({ filename: 'tor.odt', data: wordDocument() }).ok, false);
    assert.ok(checkUpload({ filename: 'tor.odt', data: openDocumentText() }).ok);
    assert.equal(isContainerOf('xlsx', wordDocument()), false);
  });
  it('refuses other kinds, empty files and files over 10MB', () => {
    assert.deepEqual(checkUpload({ filename: 'run.exe', data: zip }), { ok: false, error: 'The selected file must be a PDF, Word or OpenDocument text file' });
    assert.deepEqual(checkUpload({ filename: 'a.pdf', data: Buffer.alloc(0) }), { ok: false, error: 'The selected file is empty' });
    assert.deepEqual(checkUpload({ filename: 'a.pdf', data: Buffer.alloc(0), tooLarge: true }), {
      ok: false,
      error: 'The selected file must be smaller than 10MB',
    });
    assert.equal(checkUpload({ filename: 'a.pdf', data: Buffer.concat([pdf, Buffer.alloc(MAX_UPLOAD_BYTES)]) }).ok, false);
  });
  it('keeps file names safe', () => {
    assert.equal(safeFilename('C:\\Users\\officer\\Desktop\\ToR "final".pdf'), 'ToR final.pdf');
    assert.equal(safeFilename('../../etc/passwd'), 'passwd');
    assert.equal(safeFilename(''), 'document');
    assert.ok(safeFilename(`${'x'.repeat(300)}.pdf`).endsWith('.pdf'));
    assert.equal(safeFilename(`${'x'.repeat(300)}.pdf`).length, 150);
  });
  it('sends names in Content-Disposition safely', () => {
    assert.equal(contentDisposition('Café "plan".pdf', true), `inline; filename="Caf_ _plan_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22plan%22.pdf`);
  });
});
