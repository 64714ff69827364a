// The front door of stored files: uploads kept in the database and their downloads.
import type { Capability } from '../capability.ts';
import { registerFileRoutes } from './files.routes.ts';
import { countMissingPages } from './page-backfill.ts';

export const files: Capability = {
  name: 'files',
  routes: (app, { db }) => registerFileRoutes(app, db),
  // Files stored before their pages were counted (migration 0037) are counted a few at a time.
  hourly: (db, tenantId) => countMissingPages(db, tenantId),
};

export { insertFile } from './files.repository.ts';
export { isConfirmation, keepUpload, keptUpload, UPLOAD_GONE, useKeptUpload } from './kept-upload.ts';
export { attachmentText, fileSizeText, pagesText } from './attachment.ts';
export { countMissingPages } from './page-backfill.ts';
export { pdfPages } from './page-count.ts';
