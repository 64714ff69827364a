// The front door of open data: the OParl 1.1 interface at /oparl/v1, the open data page, bulk CSVs, Popolo,
// robots.txt and sitemap.xml, all built on the public view.
import type { Capability } from '../capability.ts';
import { registerOParlRoutes } from './oparl.routes.ts';
import { registerOpenDataRoutes } from './opendata.routes.ts';

export const oparl: Capability = {
  name: 'oparl',
  routes: async (app, { db, config }) => {
    await registerOParlRoutes(app, db, config);
    await registerOpenDataRoutes(app, db, config);
  },
};

export { OPARL_PREFIX } from './oparl.shapes.ts';
