// Money at scale (issue 15), on PostgreSQL (DATABASE_URL; a database is created for the run and dropped
// after it) or, with BENCH_ENGINE=pglite, on PGlite in a temporary folder.
//
// (a) A ledger of BENCH_LINES (5,000) budget lines × 12 months (60,000 rows, CSV, in the import's own
//     format) imported through the real path — POST /finance/import, as a finance officer uploads it,
//     through the HTTP layer — against COPY of the same file into a bare table of the same columns in the
//     same database in the same run. Prints both rates and the ratio import/COPY, and where the import's
//     time goes: reading the file, checking every row, the upsert, and the audit trigger's share of it
//     (the import timed again with the trigger off).
// (b) The Finance and Performance Report of BENCH_REPORT_LINES (1,000) budget lines with those months,
//     generated as the page (HTML) and as the PDF, through the HTTP layer: the median of five after one
//     warm-up. Target: each under 2 s.
// Run: DATABASE_URL=postgres://root@127.0.0.1:5432/test npx tsx bench/finance.bench.ts
//      BENCH_ENGINE=pglite npx tsx bench/finance.bench.ts
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createDemoUsers } from '../src/accounts/index.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { readSpreadsheet } from '../src/documents/spreadsheet.ts';
import * as notes from '../src/finance/commentary.repository.ts';
import { LEDGER_COLUMNS, MAX_LEDGER_ROWS, validateLedger } from '../src/finance/ledger-io.ts';
import * as repo from '../src/finance/finance.repository.ts';
import { reportDocument } from '../src/finance/report-document.ts';
import { renderReportPdf } from '../src/finance/report-pdf.ts';
import { toPence, toPenceOrNull } from '../src/finance/rules.ts';
import { startServices } from '../src/server.ts';
import { signIn } from '../test/helper.ts';

const COUNCIL = 'Bench Council';
const YEAR = 2017;
const LINES = Number(process.env.BENCH_LINES ?? 5000);
const REPORT_LINES = Number(process.env.BENCH_REPORT_LINES ?? 1000);
const MONTHS = 12;
const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const n = (x: number) => Math.round(x).toLocaleString('en-GB');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Pounds a line holds in a month: varied, some negative (income lines), never zero. */
const pounds = (line: number, month: number) => ((line * 7919 + month * 104729) % 2_000_000) - 400_000 + 0.5 * (line % 2);
const original = (line: number) => 1_000 + ((line * 65537) % 5_000_000);
const code = (line: number) => `L${String(line).padStart(5, '0')}`;

/** The ledger in the import's format: every line's twelve months, budget as the original (no virements). */
function ledgerCsv(): string {
  const out = [LEDGER_COLUMNS.join(',')];
  for (let m = 1; m <= MONTHS; m++)
    for (let l = 1; l <= LINES; l++) out.push(`${code(l)},${m},${original(l)},${pounds(l, m).toFixed(2)},${pounds(l, m + 12).toFixed(2)}`);
  return `${out.join('\n')}\n`;
}

const BARE = 'create table bare (line_code text, period text, budget text, actual text, forecast text)';

await bench();

async function bench() {
  const adminUrl = process.env.DATABASE_URL;
  if (engine === 'postgres' && !adminUrl) {
    console.error('Set DATABASE_URL to a PostgreSQL server (or BENCH_ENGINE=pglite), e.g. DATABASE_URL=postgres://root@127.0.0.1:5432/test');
    process.exit(2);
  }
  const name = `ph_bench_fin_${randomBytes(4).toString('hex')}`;
  const work = await mkdtemp(path.join(tmpdir(), `${name}-`));
  const csvPath = path.join(work, 'ledger.csv');
  const dataDir = path.join(work, 'data');
  const url = adminUrl ? new URL(adminUrl) : null;
  if (url) url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let ok = true;
  let app: Awaited<ReturnType<typeof startServices>>['app'] | null = null;
  if (engine === 'postgres') await admin(`create database ${name}`);
  try {
    const csv = ledgerCsv();
    await writeFile(csvPath, csv);
    const rowCount = LINES * MONTHS;
    console.log(
      `Finance bench on ${engine === 'postgres' ? `PostgreSQL (${name})` : 'PGlite'}, ${new Date().toISOString().slice(0, 16)}Z: ledger of ${n(LINES)} lines × ${MONTHS} months = ${n(rowCount)} rows, ${(csv.length / 1e6).toFixed(1)} MB`,
    );

    // COPY first, into a bare table of the same database (PGlite: opened on its own, before the app opens it).
    let copyMs: number;
    if (engine === 'postgres') {
      execFileSync('psql', [url!.toString(), '-q', '-c', BARE]);
      const t = performance.now();
      execFileSync('psql', [url!.toString(), '-q', '-c', `\\copy bare from '${csvPath}' with (format csv, header)`], { stdio: 'inherit' });
      copyMs = performance.now() - t;
    } else {
      const raw = await PGlite.create(dataDir);
      await raw.exec(BARE);
      const blob = new Blob([await readFile(csvPath)]);
      const t = performance.now();
      await raw.query(`copy bare from '/dev/blob' with (format csv, header)`, [], { blob });
      copyMs = performance.now() - t;
      await raw.close();
    }
    const copyRate = rowCount / (copyMs / 1000);
    console.log(`(a) COPY into a bare table of the same columns: ${s(copyMs)} = ${n(copyRate)} rows/s`);

    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      LOG_LEVEL: 'silent',
      DEMO_DATA: 'false',
      COUNCIL_NAME: COUNCIL,
      ...(engine === 'postgres' ? { DATABASE_URL: url!.toString() } : { DATA_DIR: dataDir }),
    });
    const started = await startServices(config, { logger: false });
    app = started.app;
    const db: Database = app.db;
    const tenantId = (await db.query<{ id: string }>('select id from tenants order by created limit 1'))[0]!.id;
    await createDemoUsers(db, tenantId);
    const bodyId = await seedLines(db, tenantId);
    const officer = await signIn(app, 'finance_officer');

    // The real path: the form's upload, through the HTTP layer.
    const data = await readFile(csvPath);
    const upload = async () => {
      const t = performance.now();
      const res = await officer.postMultipart('/finance/import', { year: '2017-18' }, { field: 'file', filename: 'ledger.csv', data, type: 'text/csv' });
      if (res.statusCode !== 303) throw new Error(`The import answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
      return performance.now() - t;
    };
    const fresh = async () => {
      await db.exec('truncate budget_line_months, audit_log');
      if (engine === 'postgres') await db.exec('checkpoint');
    };
    await fresh();
    const importMs = await upload();
    const stored = (
      await db.query<{ m: number; a: number }>(
        `select (select count(*)::int from budget_line_months) as m, (select count(*)::int from audit_log where entity_type in ('budget_line_months', 'ledger_imports')) as a`,
      )
    )[0]!;
    if (stored.m !== rowCount) throw new Error(`${stored.m} months stored, not ${rowCount}`);
    // Where the time goes: the same file read and checked by the import's own functions, timed apart.
    let t = performance.now();
    const rows = await readSpreadsheet(data, 'ledger.csv', { maxRows: MAX_LEDGER_ROWS, what: 'a ledger extract' });
    const parseMs = performance.now() - t;
    t = performance.now();
    const [lines, virements] = await Promise.all([repo.linesForYear(db, tenantId, YEAR), repo.virementsForYear(db, tenantId, YEAR)]);
    const { valid, problems } = validateLedger(
      rows,
      YEAR,
      lines.map((l) => ({ id: l.id, code: l.code, originalBudgetPence: toPenceOrNull(l.originalBudgetPence) })),
      virements.map((v) => ({ ...v, amountPence: toPence(v.amountPence) })),
    );
    const checkMs = performance.now() - t;
    if (problems.length || valid.length !== rowCount) throw new Error(`The check found ${problems.length} problems and ${valid.length} valid rows`);
    await fresh();
    await db.exec('alter table budget_line_months disable trigger budget_line_months_audit');
    let unauditedMs: number;
    try {
      unauditedMs = await upload();
    } finally {
      await db.exec('alter table budget_line_months enable trigger budget_line_months_audit');
    }
    const rate = rowCount / (importMs / 1000);
    const ratio = rate / copyRate;
    const writeMs = importMs - parseMs - checkMs;
    console.log(
      `    Import through POST /finance/import: ${s(importMs)} = ${n(rate)} rows/s; ${n(stored.a)} audit rows. ` +
        `Of it: read ${s(parseMs)}, check ${s(checkMs)}, write ${s(writeMs)} (${n(valid.length)} rows in one set-based upsert, audited as one event), ` +
        `and with the row trigger disabled too: ${s(unauditedMs)}`,
    );
    console.log(`    Ratio import/COPY ${ratio.toFixed(3)} (without the audit trigger ${(rowCount / (unauditedMs / 1000) / copyRate).toFixed(3)})`);

    // (b) The report of REPORT_LINES lines: the rest are retired, so it covers exactly those.
    await db.query(`update budget_lines set deleted_at = now() where tenant_id = $1 and position > $2`, [tenantId, REPORT_LINES]);
    const reportId = await notes.insertReport(db, tenantId, { bodyId, year: YEAR, period: MONTHS, title: 'Finance and Performance Report – March 2018' });
    for (const [label, url] of [
      ['HTML page', `/finance/reports/${reportId}`],
      ['PDF', `/finance/reports/${reportId}/report.pdf`],
    ] as const) {
      const times: number[] = [];
      let size = 0;
      for (let k = 0; k < 6; k++) {
        const t0 = performance.now();
        const res = await officer.get(url);
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
        if (k > 0) times.push(performance.now() - t0);
        size = res.rawPayload.length;
      }
      const pass = median(times) < 2000;
      ok &&= pass;
      console.log(
        `(b) The report of ${n(REPORT_LINES)} lines as the ${label} (${n(size / 1024)} KB): median ${s(median(times))}, slowest ${s(Math.max(...times))} of ${times.length} — target < 2 s: ${pass ? 'PASS' : 'MISS'}`,
      );
    }
    // Where the PDF's time goes: the figures and appendices gathered, then laid out and written.
    const gather: number[] = [];
    const layout: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const doc = await reportDocument(db, tenantId, reportId, COUNCIL);
      const t1 = performance.now();
      await renderReportPdf(doc);
      gather.push(t1 - t0);
      layout.push(performance.now() - t1);
    }
    console.log(`    Of the PDF: gathering the figures ${s(median(gather))}, laying out and writing the PDF ${s(median(layout))} (medians of 3)`);
  } finally {
    await app?.close();
    await rm(work, { recursive: true, force: true });
    if (engine === 'postgres') await admin(`drop database if exists ${name} with (force)`);
  }
  process.exitCode = ok ? 0 : 1;
}

/** Ten directorates of LINES budget lines, each with its original budget for the year; a committee they report to. */
async function seedLines(db: Database, tenantId: string): Promise<string> {
  const bodyId = (
    await db.query<{ id: string }>(`insert into bodies (tenant_id, name, kind) values ($1, 'Bench Committee', 'committee') returning id`, [tenantId])
  )[0]!.id;
  const directorates: string[] = [];
  for (let d = 0; d < 10; d++)
    directorates.push(await repo.insertDirectorate(db, tenantId, { name: `Directorate ${d + 1}`, kind: 'service', position: d + 1 }));
  await db.query(
    `insert into budget_lines (tenant_id, directorate_id, code, name, body_id, position)
     select $1, ($2::uuid[])[1 + (g - 1) % 10], 'L' || lpad(g::text, 5, '0'), 'Budget line ' || g, $3, g from generate_series(1, $4::int) g`,
    [tenantId, directorates, bodyId, LINES],
  );
  await db.query(
    `insert into budget_line_years (tenant_id, line_id, financial_year, original_budget_pence)
     select $1, id, $2, (1000 + (position::bigint * 65537) % 5000000) * 100 from budget_lines where tenant_id = $1`,
    [tenantId, YEAR],
  );
  return bodyId;
}
