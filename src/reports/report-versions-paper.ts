// The quarterly update to Cabinet or the annual review as the paper of the agenda item it is attached to: a paper source for the
// meetings capability (the composition root hands it over). The pack prints the latest frozen version, and
// its signature is that version, so the paper changes only when someone attaches the report again.
import { latestVersion, versionFingerprint } from '../documents/report-versions.repository.ts';
import type { PaperSource } from '../meetings/index.ts';
import { quarterlyPdf } from './quarterly-pdf.ts';
import type { QuarterlyReport } from './quarterly-report.ts';

import type { Queryable } from '../db/database.ts';
import type { AnnualReport } from './annual-report.ts';
import { annualPdf } from './annual-pdf.ts';

/** The item's latest frozen quarterly update or annual review (the one attached last), if any. */
async function latestPaper(db: Queryable, tenantId: string, itemId: string) {
  const [q, a] = await Promise.all([
    latestVersion<QuarterlyReport>(db, tenantId, { kind: 'quarterly-update', reportId: itemId }),
    latestVersion<AnnualReport>(db, tenantId, { kind: 'annual-review', reportId: itemId }),
  ]);
  if (q && (!a || q.dataReadAt >= a.dataReadAt)) return { kind: 'quarterly-update' as const, v: q };
  return a ? { kind: 'annual-review' as const, v: a } : null;
}

export const quarterlyUpdatePaperSource: PaperSource = {
  fingerprint: async (db, tenantId, item, audience) => {
    // An exempt item's paper never goes in the public pack.
    if (audience === 'public' && item.exemptParagraph !== null) return null;
    const p = await latestPaper(db, tenantId, item.id);
    return p ? versionFingerprint(p.kind, p.v) : null;
  },
  render: async (db, tenantId, item) => {
    const p = await latestPaper(db, tenantId, item.id);
    if (!p) throw new Error('the report is no longer attached');
    return p.kind === 'annual-review' ? annualPdf(p.v.document as AnnualReport) : (await quarterlyPdf(p.v.document as QuarterlyReport)).bytes;
  },
};
