// Public pages from the data-version cache (issue 19), on a PostgreSQL server (DATABASE_URL; a
// database is created for the run and dropped after it).
//
// The public scorecard of a partnership with 500 indicators (out of BENCH_INDICATORS, 2,000, with ten
// years of monthly values), under autocannon at 10 connections for BENCH_SECONDS (10) after a 2 s
// warm-up, against a bare route of the same server that sends the same bytes from memory (through
// the same hooks, minus the cache), measured in the same run. Also: the page rendered afresh (the
// data version moved), and the 304 a browser gets when it already has the page.
// Targets: p99 under 150 ms, and at least 0.5 of the bare route's throughput.
// Run: DATABASE_URL=postgres://root@127.0.0.1:5432/test npx tsx bench/public-pages.bench.ts
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import pg from 'pg';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { openPostgres, type Database } from '../src/db/database.ts';
import { ensureDefaultTenant, migrate } from '../src/db/migrate.ts';
import { startServices } from '../src/server.ts';
import { chooseEncoding } from '../src/web/public-cache.ts';
import { seedLargePerformance } from './performance-seed.ts';

const SELF = fileURLToPath(import.meta.url);
const COUNCIL = 'Bench Council';
// What a browser sends: the page and its bare route are both answered compressed.
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

if (process.argv[2] === 'serve') {
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(32),
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    DATABASE_URL: process.env.BENCH_DATABASE_URL!,
    COUNCIL_NAME: COUNCIL,
  });
  const { app } = await startServices(config, { logger: false });
  let page = { body: Buffer.alloc(0), gzip: Buffer.alloc(0), br: Buffer.alloc(0) };
  // The best the server can do for this page: the same hooks (headers, sign-in, request id), no database, no cache;
  // the same bytes compressed once in memory, sent in the encoding the client accepts, as the cache does.
  app.get('/__baseline/page', { config: { access: 'public.view', publicCache: false } }, async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('vary', 'accept-encoding');
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    if (!encoding) return reply.send(page.body);
    return reply.header('content-encoding', encoding).send(encoding === 'br' ? page.br : page.gzip);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  process.on('message', async (m: { baseline?: string } | string) => {
    if (typeof m === 'object' && m.baseline !== undefined) {
      const body = Buffer.from(m.baseline);
      page = {
        body,
        gzip: await promisify(gzip)(body, { level: 6 }),
        br: await promisify(brotliCompress)(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }),
      };
      process.send!('ready');
    } else if (m === 'stop') {
      await app.close();
      process.exit(0);
    }
  });
} else {
  await bench();
}

async function bench() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.error('Set DATABASE_URL to a PostgreSQL server, e.g. DATABASE_URL=postgres://root@127.0.0.1:5432/test');
    process.exit(2);
  }
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
  const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 2000);
  const CONNECTIONS = 10;
  const name = `ph_bench_public_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  let db: Database | null = null;
  let ok = true;
  try {
    db = await openPostgres(url.toString());
    await migrate(db);
    const tenantId = await ensureDefaultTenant(db, COUNCIL);
    const t = Date.now();
    const { partnershipId } = await seedLargePerformance(db, tenantId, { indicators: INDICATORS, months: 120, focus: 500 });
    console.log(
      `Database: PostgreSQL ${name}; ${INDICATORS.toLocaleString('en-GB')} indicators × 120 months (seeded in ${((Date.now() - t) / 1000).toFixed(1)} s)`,
    );

    const server = fork(SELF, ['serve'], { execArgv: ['--import', 'tsx'], stdio: 'inherit', env: { ...process.env, BENCH_DATABASE_URL: url.toString() } });
    const next = () =>
      new Promise<unknown>((resolve, reject) => {
        server.once('message', resolve);
        server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
      });
    try {
      const { port } = (await next()) as { port: number };
      const base = `http://127.0.0.1:${port}`;
      const target = `${base}/scorecard?partnership=${partnershipId}`;
      const first = await fetch(target, { headers: BROWSER });
      const page = await first.text();
      const etag = first.headers.get('etag');
      const shown = new Set(page.match(/\/scorecard\/indicators\/[0-9a-f-]{36}/g) ?? []).size;
      if (shown !== 500) throw new Error(`The scorecard shows ${shown} indicators, not 500`);
      if (!etag) throw new Error('The scorecard has no ETag: the cache is not in front of it');
      server.send({ baseline: page });
      await next();

      // One request at a time, rendered afresh: moving the audit trail's sequence moves the data version.
      const fresh: number[] = [];
      for (let k = 0; k < 5; k++) {
        await db.query(`select nextval('audit_log_id_seq')`);
        const t0 = performance.now();
        await (await fetch(target, { headers: BROWSER })).text();
        fresh.push(performance.now() - t0);
      }
      fresh.sort((a, b) => a - b);

      const load = async (u: string, extra: Record<string, string> = {}) => {
        const headers = { ...BROWSER, ...extra };
        await autocannon({ url: u, connections: CONNECTIONS, duration: 2, headers });
        const r = await autocannon({ url: u, connections: CONNECTIONS, duration: SECONDS, headers });
        if (r.errors || r.requests.total === 0) throw new Error(`${u}: ${r.errors} errors, ${r.requests.total} requests`);
        return r;
      };
      const bare = await load(`${base}/__baseline/page`);
      const cached = await load(target);
      const currentTag = (await fetch(target, { headers: BROWSER })).headers.get('etag')!;
      const revalidated = await load(target, { 'if-none-match': currentTag });
      if (bare.non2xx || cached.non2xx) throw new Error(`${bare.non2xx + cached.non2xx} answers that were not 200`);
      if (revalidated['3xx'] !== revalidated.requests.total) throw new Error('Not every revalidation was answered 304');

      const line = (label: string, r: autocannon.Result) =>
        `${label.padEnd(34)} p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  ${r.requests.average.toFixed(0).padStart(6)} req/s`;
      const ratio = cached.requests.average / bare.requests.average;
      const pass = cached.latency.p99 < 150 && ratio >= 0.5;
      ok &&= pass;
      const sent = Math.round(cached.throughput.average / Math.max(cached.requests.average, 1) / 1024);
      console.log(
        `Public scorecard, 500 indicators (${Math.round(page.length / 1024)} KB, ${sent} KB sent with Accept-Encoding: ${BROWSER['accept-encoding']}), ${CONNECTIONS} connections, ${SECONDS} s each (load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(', ')}):`,
      );
      console.log(`  rendered afresh, one at a time     median ${Math.round(fresh[2]!)} ms`);
      console.log(line('  bare route, same bytes', bare));
      console.log(`${line('  scorecard from the cache', cached)}  ratio ${ratio.toFixed(2)} — target p99 < 150 ms and ratio >= 0.5: ${pass ? 'PASS' : 'MISS'}`);
      console.log(
        `${line('  304 (If-None-Match)', revalidated)}  ratio ${(revalidated.requests.average / bare.requests.average).toFixed(2)} (no body: not the target, what a browser's revisit costs)`,
      );
    } finally {
      server.send('stop');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  } finally {
    await db?.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
  process.exitCode = ok ? 0 : 1;
}
