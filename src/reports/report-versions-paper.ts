// The quarterly update to Cabinet as the paper of the agenda item it is attached to: a paper source for the
// meetings capability (the composition root hands it over). The pack prints the latest frozen version, and
// its signature is that version, so the paper changes only when someone attaches the report again.
import { latestVersion, versionFingerprint } from '../documents/report-versions.repository.ts';
import type { PaperSource } from '../meetings/index.ts';
import { quarterlyPdf } from './quarterly-pdf.ts';
import type { QuarterlyReport } from './quarterly-report.ts';

const ref = (itemId: string) => ({ kind: 'quarterly-update' as const, reportId: itemId });

export const quarterlyUpdatePaperSource: PaperSource = {
  fingerprint: async (db, tenantId, item, audience) => {
    // An exempt item's paper never goes in the public pack.
    if (audience === 'public' && item.exemptParagraph !== null) return null;
    const v = await latestVersion(db, tenantId, ref(item.id));
    return v ? versionFingerprint('quarterly-update', v) : null;
  },
  render: async (db, tenantId, item) => {
    const v = await latestVersion<QuarterlyReport>(db, tenantId, ref(item.id));
    if (!v) throw new Error('the quarterly update is no longer attached');
    return (await quarterlyPdf(v.document)).bytes;
  },
};
