// The front door of the start page: where each person lands after signing in, with their own work.
import type { Capability } from '../capability.ts';
import { registerStartPage } from './start.routes.ts';

export const start: Capability = { name: 'start', routes: (app, { db }) => registerStartPage(app, db) };
