// The front door of stored files: uploads kept in the database and their downloads.
import type { Capability } from '../capability.ts';
import { registerFileRoutes } from './files.routes.ts';

export const files: Capability = { name: 'files', routes: (app, { db }) => registerFileRoutes(app, db) };

export { insertFile } from './files.repository.ts';
export { isConfirmation, keepUpload, keptUpload, UPLOAD_GONE, useKeptUpload } from './kept-upload.ts';
