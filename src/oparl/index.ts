// The front door of open data: the OParl 1.1 interface at /oparl/v1, built on the public view.
import type { Capability } from '../capability.ts';
import { registerOParlRoutes } from './oparl.routes.ts';

export const oparl: Capability = { name: 'oparl', routes: (app, { db, config }) => registerOParlRoutes(app, db, config) };

export { OPARL_PREFIX } from './oparl.shapes.ts';
