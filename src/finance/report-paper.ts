// A published finance report as the paper of the agenda item it is attached to, so the agenda pack
// carries it: a paper source for the meetings capability (the composition root hands it over).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { type FrozenVersion, latestVersion, versionFingerprint } from '../documents/report-versions.repository.ts';
import type { PaperSource } from '../meetings/index.ts';
import * as notes from './commentary.repository.ts';
import { type ReportDocument, reportDocument } from './report-document.ts';
import { renderReportPdf } from './report-pdf.ts';

/**
 * The document a published report prints: its latest frozen version (issue 16), so a figure corrected after
 * publishing changes nothing until a new version is published. A report published before versions were kept
 * (or by the demo's loader) has none and is read live. The council's name is the one of today.
 */
export async function publishedDocument(
  db: Queryable,
  tenantId: string,
  reportId: string,
  council: string,
): Promise<{ doc: ReportDocument; version: FrozenVersion<ReportDocument> | null }> {
  const version = await latestVersion<ReportDocument>(db, tenantId, { kind: 'finance-report', reportId });
  if (version) return { doc: { ...version.document, council }, version };
  return { doc: await reportDocument(db, tenantId, reportId, council), version: null };
}

/** The pack's signature: the frozen version, not the live figures. An exempt item's paper never goes in the public pack. */
async function fingerprint(db: Queryable, tenantId: string, item: { id: string; exemptParagraph: number | null }, audience: string) {
  if (audience === 'public' && item.exemptParagraph !== null) return null;
  const report = await notes.publishedReportForItem(db, tenantId, item.id);
  if (!report) return null;
  const version = await latestVersion(db, tenantId, { kind: 'finance-report', reportId: report.id });
  if (version) return versionFingerprint('finance-report', version);
  // Not frozen (see publishedDocument): the live content it would print.
  return `finance-report:${report.id}:${createHash('sha256')
    .update(JSON.stringify(await reportDocument(db, tenantId, report.id, '')))
    .digest('hex')}`;
}

export const financeReportPaperSource: PaperSource = {
  fingerprint: (db, tenantId, item, audience) => fingerprint(db, tenantId, item, audience),
  render: async (db, tenantId, item, _meeting, { council }) => {
    const report = await notes.publishedReportForItem(db, tenantId, item.id);
    if (!report) throw new Error('the finance report is no longer published');
    return renderReportPdf((await publishedDocument(db, tenantId, report.id, council)).doc, { pageNumbers: false });
  },
};
