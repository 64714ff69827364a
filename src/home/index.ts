// The front door of the home page: the public's first questions (what meets next, what was decided,
// which papers are out, who sits where), answered from the other capabilities' public reads.
import type { Capability } from '../capability.ts';
import { registerHomePage } from './home.routes.ts';

export const home: Capability = { name: 'home', routes: (app, { db }) => registerHomePage(app, db) };
