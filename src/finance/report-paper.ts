// A published finance report as the paper of the agenda item it is attached to, so the agenda pack
// carries it: a paper source for the meetings capability (the composition root hands it over).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import type { PaperSource } from '../meetings/index.ts';
import * as notes from './commentary.repository.ts';
import { reportDocument } from './report-document.ts';
import { renderReportPdf } from './report-pdf.ts';

/**
 * The report is generated from live figures, so its fingerprint is the content it would print: a figure
 * corrected after publishing rebuilds the pack. An exempt item's paper never goes in the public pack.
 */
async function fingerprint(db: Queryable, tenantId: string, item: { id: string; exemptParagraph: number | null }, audience: string) {
  if (audience === 'public' && item.exemptParagraph !== null) return null;
  const report = await notes.publishedReportForItem(db, tenantId, item.id);
  if (!report) return null;
  const doc = await reportDocument(db, tenantId, report.id, '');
  return `finance-report:${report.id}:${createHash('sha256').update(JSON.stringify(doc)).digest('hex')}`;
}

export const financeReportPaperSource: PaperSource = {
  fingerprint: (db, tenantId, item, audience) => fingerprint(db, tenantId, item, audience),
  render: async (db, tenantId, item, _meeting, { council }) => {
    const report = await notes.publishedReportForItem(db, tenantId, item.id);
    if (!report) throw new Error('the finance report is no longer published');
    return renderReportPdf(await reportDocument(db, tenantId, report.id, council), { pageNumbers: false });
  },
};
