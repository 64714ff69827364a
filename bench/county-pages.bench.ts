// A large county's public pages at 50 connections (issue 19), on a PostgreSQL server (DATABASE_URL).
//
// A database is created and seeded with bench/county-seed.ts (ten years: 100 bodies, 5,000 meetings,
// 50,000 agenda items, 20,000 papers with text, 2,000 indicators × 120 months, 10,000 budget lines ×
// 120 months, 200 partnerships) and dropped after the run; BENCH_DATABASE=<name> uses an existing
// seeded database instead and keeps it. The app runs in a forked server process (bench/county-server.mjs): the
// compiled dist/ with the Node flags of `npm start`, as production runs it.
//
// For each of eight public pages (home, calendar, a committee, a meeting, the decisions register
// filtered, search, the scorecard, the register): the first render after the data version moved
// (uncached), then autocannon at 50 connections for BENCH_SECONDS (10) after a 2 s warm-up, with a
// browser's Accept-Encoding, against a bare route of the same server sending the same bytes from
// memory (compressed once, the same way), then a 304 check. Targets: throughput at least 0.5 of the
// bare route's; p99 under 100 ms where the bare route manages it. The server's resident memory
// (VmRSS) at idle after seeding and its peak under load, against 300 MB.
// Run: DATABASE_URL=postgres://root@127.0.0.1:5432/postgres npm run bench:county
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Database, openPostgres } from '../src/db/database.ts';
import { ensureDefaultTenant, migrate } from '../src/db/migrate.ts';
import { seedCounty } from './county-seed.ts';
import { startCommand } from './start-command.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');

/** Whether dist/ was built after every source file changed (scripts/start.mjs's rule). */
function builtIsFresh(): boolean {
  const built = statSync(path.join(ROOT, 'dist/.built'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return (
    built > 0 &&
    !readdirSync(path.join(ROOT, 'src'), { recursive: true }).some(
      (f) => /\.(ts|json)$/.test(String(f)) && statSync(path.join(ROOT, 'src', String(f))).mtimeMs > built,
    )
  );
}
const COUNCIL = 'Bench County Council';
const ACCEPT_ENCODING = 'gzip, deflate, br';
const MB = 1024 * 1024;

await bench();

/** The process's resident memory now, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

async function bench() {
  if (!builtIsFresh()) throw new Error('dist/ is missing or older than src/: run npm run build first (the bench measures the compiled server)');
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.error('Set DATABASE_URL to a PostgreSQL server, e.g. DATABASE_URL=postgres://root@127.0.0.1:5432/postgres');
    process.exit(2);
  }
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
  const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const keep = process.env.BENCH_DATABASE;
  const name = keep ?? `ph_bench_county_${randomBytes(4).toString('hex')}`;
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
  console.log(`Load before the run (1, 5, 15 min): ${load()}`);
  let created = false;
  if (keep) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const exists = (await client.query(`select 1 from pg_database where datname = $1`, [keep])).rowCount;
    await client.end();
    if (!exists) {
      await admin(`create database ${keep}`);
      created = true;
    }
  } else {
    await admin(`create database ${name}`);
    created = true;
  }
  let db: Database | null = null;
  let ok = true;
  try {
    db = await openPostgres(url.toString());
    await migrate(db);
    const tenantId = await ensureDefaultTenant(db, COUNCIL);
    const already = (await db.query<{ n: number }>(`select count(*)::int as n from meetings where tenant_id = $1`, [tenantId]))[0]!.n > 0;
    let ids: { bodyId: string; meetingId: string; partnershipId: string };
    if (created || !already) {
      const seeded = await seedCounty(db, tenantId);
      console.log(`Seeded PostgreSQL ${name} in ${seeded.seconds.toFixed(1)} s (load ${load()}):`);
      console.log(
        `  ${Object.entries(seeded.counts)
          .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
          .join(', ')}`,
      );
      ids = seeded;
    } else {
      const [body] = await db.query<{ id: string }>(`select id from bodies where tenant_id = $1 order by name limit 1`, [tenantId]);
      const [meeting] = await db.query<{ id: string }>(
        `select id from meetings where tenant_id = $1 and body_id = $2 and minutes_state = 'approved' order by meeting_date desc limit 1`,
        [tenantId, body!.id],
      );
      const [board] = await db.query<{ id: string }>(`select id from partnerships where tenant_id = $1 and name = 'Performance board 1'`, [tenantId]);
      ids = { bodyId: body!.id, meetingId: meeting!.id, partnershipId: board!.id };
      console.log(`Using the seeded database ${name} as it is`);
    }

    const pages: [string, string][] = [
      ['home', '/'],
      ['calendar', '/calendar'],
      ['a committee', `/committees/${ids.bodyId}`],
      ['a meeting', `/calendar/${ids.meetingId}`],
      ['decisions (filtered)', `/decisions?committee=${ids.bodyId}&q=budget&from-day=1&from-month=4&from-year=2019`],
      ['search', '/search?q=housing+budget'],
      ['scorecard (500)', `/scorecard?partnership=${ids.partnershipId}`],
      ['register', '/register'],
    ];

    // Node's flags as `npm start` gives them (package.json), so memory is measured as production runs.
    const server = fork(path.join(ROOT, 'bench/county-server.mjs'), [], {
      execArgv: startCommand().flags,
      stdio: 'inherit',
      env: { ...process.env, ...startCommand().env, BENCH_DATABASE_URL: url.toString(), BENCH_COUNCIL: COUNCIL },
    });
    const next = () =>
      new Promise<unknown>((resolve, reject) => {
        server.once('message', resolve);
        server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
      });
    try {
      const { port } = (await next()) as { port: number };
      const base = `http://127.0.0.1:${port}`;
      const idleRss = rssOf(server.pid!);

      // The first render of each page after the data version moved: what the first visitor waits for.
      const bodies: string[] = [];
      const firsts: number[] = [];
      const problems: string[] = [];
      for (const [label, path] of pages) {
        await db.query(`select nextval('audit_log_id_seq')`);
        const t0 = performance.now();
        const res = await fetch(base + path, { headers: { 'accept-encoding': ACCEPT_ENCODING } });
        const html = await res.text();
        firsts.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${label} (${path}) answered ${res.status}`);
        if (!res.headers.get('etag')) problems.push(`${label}: no ETag (the cache does not keep it)`);
        bodies.push(html);
        console.log(`  first render of ${label}: ${Math.round(firsts.at(-1)!)} ms`);
      }
      server.send({ baseline: bodies });
      await next();
      // Each first render moved the version past the pages before it: one more visit each keeps them all.
      for (const [, path] of pages) await (await fetch(base + path, { headers: { 'accept-encoding': ACCEPT_ENCODING } })).arrayBuffer();

      let peakRss = rssOf(server.pid!);
      const sampler = setInterval(() => {
        try {
          peakRss = Math.max(peakRss, rssOf(server.pid!));
        } catch {}
      }, 100);
      const headers = { 'accept-encoding': ACCEPT_ENCODING };
      const run = async (u: string, extra: Record<string, string> = {}, seconds = SECONDS) => {
        await autocannon({ url: u, connections: CONNECTIONS, duration: 2, headers: { ...headers, ...extra } });
        const r = await autocannon({ url: u, connections: CONNECTIONS, duration: seconds, headers: { ...headers, ...extra } });
        if (r.errors || r.requests.total === 0) throw new Error(`${u}: ${r.errors} errors, ${r.requests.total} requests`);
        return r;
      };
      const rows: string[][] = [];
      for (const [i, [label, path]] of pages.entries()) {
        const bare = await run(`${base}/__baseline/${i}`);
        const page = await run(base + path);
        if (bare.non2xx || page.non2xx) throw new Error(`${label}: ${bare.non2xx + page.non2xx} answers that were not 200`);
        const tag = (await fetch(base + path, { headers })).headers.get('etag');
        let revalidated = 'no ETag';
        if (tag) {
          const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: 2, headers: { ...headers, 'if-none-match': tag } });
          revalidated = r['3xx'] === r.requests.total ? `304 p99 ${r.latency.p99} ms` : `${r['3xx']}/${r.requests.total} were 304`;
          if (r['3xx'] !== r.requests.total) problems.push(`${label}: not every revalidation was a 304`);
        }
        const ratio = page.requests.average / bare.requests.average;
        const ratioOk = ratio >= 0.5;
        const p99Ok = page.latency.p99 < 100 || bare.latency.p99 >= 100;
        ok &&= ratioOk && p99Ok;
        const wire = Math.round(page.throughput.average / Math.max(page.requests.average, 1) / 1024);
        rows.push([
          label,
          `${Math.round(bodies[i]!.length / 1024)} KB (${wire} KB sent)`,
          `${Math.round(firsts[i]!)} ms`,
          `${page.latency.p50}`,
          `${page.latency.p99}`,
          page.requests.average.toFixed(0),
          bare.requests.average.toFixed(0),
          `${bare.latency.p99}`,
          ratio.toFixed(2),
          ratioOk ? 'PASS' : 'MISS',
          page.latency.p99 < 100 ? 'PASS' : bare.latency.p99 >= 100 ? 'n/a (bare misses)' : 'MISS',
          revalidated,
        ]);
      }
      clearInterval(sampler);
      const head = ['page', 'bytes', 'first render', 'p50 ms', 'p99 ms', 'req/s', 'bare req/s', 'bare p99', 'ratio', '≥ 0.5', 'p99 < 100', '304'];
      const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
      const fmt = (r: string[]) => r.map((v, c) => (c === 0 || c === 1 || c >= 9 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
      console.log(`\nPublic pages, ${CONNECTIONS} connections, ${SECONDS} s each, Accept-Encoding: ${ACCEPT_ENCODING} (load ${load()}):`);
      console.log(fmt(head));
      for (const r of rows) console.log(fmt(r));
      const memOk = peakRss < 300 * MB;
      ok &&= memOk;
      console.log(
        `\nServer resident memory (VmRSS; the compiled app, as npm start runs it: ${Object.entries(startCommand().env)
          .map(([k, v]) => `${k}=${v} `)
          .join(
            '',
          )}node ${startCommand().flags.join(' ')}): idle after start ${(idleRss / MB).toFixed(0)} MB, peak under load ${(peakRss / MB).toFixed(0)} MB — target < 300 MB: ${memOk ? 'PASS' : 'MISS'}`,
      );
      server.send('memory');
      const { memory } = (await next()) as { memory: Record<string, number> };
      console.log(
        `  its peaks by part (process.memoryUsage): ${Object.entries(memory)
          .map(([k, v]) => `${k} ${(v / MB).toFixed(0)} MB`)
          .join(', ')}`,
      );
      for (const p of problems) console.log(`Problem: ${p}`);
      ok &&= problems.length === 0;
    } finally {
      server.send('stop');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  } finally {
    await db?.close();
    if (!keep) await admin(`drop database if exists ${name} with (force)`);
  }
  console.log(`Load after the run: ${load()}`);
  process.exitCode = ok ? 0 : 1;
}
