// The server side of the register benchmark, run as its own process so that the load
// generator does not share its event loop. Seeds a large register, then serves the app with
// two extra baseline routes that render the same pages from data fetched once (no database work).
import { loadConfig } from '../src/config.ts';
import { startServices } from '../src/server.ts';
import { listPartnerships } from '../src/partnerships/partnerships.repository.ts';
import { partnershipDetail } from '../src/partnerships/partnerships.service.ts';
import { todayInEngland } from '../src/calendar/today.ts';
import { areaChoicesFor } from '../src/directory/directory.service.ts';
import { optionsFor } from '../src/web/labels.ts';
import { freshDatabase } from '../test/helper.ts';
import { seedLargeRegister } from './seed.ts';
import { access } from '../src/access/route-access.ts';

const { db, drop } = await freshDatabase();
const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent', DEMO_DATA: 'false' });
const { app, tenantId } = await startServices(config, { db, logger: false });
const started = Date.now();
await seedLargeRegister(db, tenantId);
const seededIn = Date.now() - started;

// The page a visitor sees most: the first page of the register, and a sub-group's page.
const sample = (await db.query<{ id: string }>(`select id from partnerships where name = 'Partnership 0400'`))[0]!.id;
const listRows = await listPartnerships(db, tenantId, { asAt: todayInEngland(), limit: 50, offset: 0 });
const areas = await areaChoicesFor(db, tenantId, '');
const detail = await partnershipDetail(db, tenantId, sample, { includeDrafts: false });
const listContext = {
  pageTitle: 'Partnership register',
  manage: false,
  base: '/register',
  rows: listRows.rows,
  total: listRows.total,
  filters: { search: '', kind: '', status: '', areaId: '' },
  errors: {},
  errorList: [],
  kindOptions: optionsFor('partnershipKind', '', { blank: 'Any kind' }),
  statusOptions: optionsFor('status', '', { blank: 'Any status' }),
  areaOptions: [{ value: '', text: 'Any area' }, ...areas],
  pagination: null,
  pageNo: 1,
  pages: 40,
  filtered: false,
};
const showContext = { pageTitle: detail.partnership.name, manage: false, base: '/register', ...detail, history: [] };
app.get('/__baseline/register', access('public.view'), async (_req, reply) => reply.view('partnerships/views/list.njk', listContext));
app.get('/__baseline/partnership', access('public.view'), async (_req, reply) => reply.view('partnerships/views/show.njk', showContext));

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({
  port: typeof address === 'object' && address ? address.port : 0,
  sample,
  seededIn,
  engine: db.engine,
  counts: { partnerships: listRows.total, people: (await db.query<{ n: number }>('select count(*)::int n from people'))[0]!.n },
});
process.on('message', async (m) => {
  if (m === 'stop') {
    await app.close();
    await drop();
    process.exit(0);
  }
});
