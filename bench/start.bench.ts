// Start time (issue 19): from spawning `node scripts/start.mjs` (what `npm start` runs: the compiled
// dist/ built at install, or tsx when dist/ is older than src/) to the first 200 of `/`.
//   (a) a new DATA_DIR with the demo (embedded PGlite): migrate, load the demo, serve — target < 10 s;
//   (b) the same folder again — target < 3 s;
//   and on PostgreSQL when DATABASE_URL is set (a database is created for the run and dropped after it):
//   (c) the new database with the demo, (d) the same database again, migrated — target < 3 s.
// Each line also gives the process's resident memory (VmRSS) once the first page is served.
// Run: npm run bench:start   (DATABASE_URL=postgres://root@127.0.0.1:5432/postgres npm run bench:start)
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCommand } from './start-command.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const MB = 1024 * 1024;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

interface Start {
  seconds: number;
  rss: number;
  compiled: boolean;
}

async function timeStart(env: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const t0 = performance.now();
  // As `npm start` runs it: its Node flags (the heap limit) and environment.
  const { env: startEnv, flags } = startCommand();
  const child: ChildProcess = spawn(process.execPath, [...flags, path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...startEnv,
      NODE_ENV: 'production',
      SESSION_SECRET: 'b'.repeat(32),
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  try {
    for (;;) {
      if (exited !== null) throw new Error(`The server exited (${exited}) before serving:\n${output}`);
      if (performance.now() - t0 > 120_000) throw new Error(`No page after 120 s:\n${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        await res.arrayBuffer();
        if (res.status === 200) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, rss: rssOf(child.pid!), compiled: !output.includes('running the TypeScript through tsx') };
  } finally {
    if (exited === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
  }
}

const line = (label: string, s: Start, limit: number) =>
  `${label.padEnd(44)} ${s.seconds.toFixed(2).padStart(6)} s  (target < ${limit} s: ${s.seconds < limit ? 'PASS' : 'MISS'})  RSS ${(s.rss / MB).toFixed(0)} MB${s.compiled ? '' : '  [through tsx: dist/ is older than src/, run npm run build]'}`;

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

let ok = true;
const report = (label: string, s: Start, limit: number) => {
  ok &&= s.seconds < limit;
  console.log(line(label, s, limit));
};

console.log(`Start to the first 200 of / (node ${[...startCommand().flags, 'scripts/start.mjs'].join(' ')}, as npm start runs it), load ${load()}:`);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ph-start-'));
try {
  report('(a) PGlite, new DATA_DIR, with the demo', await timeStart({ DATA_DIR: dataDir, DEMO_DATA: 'true' }), 10);
  report('(b) PGlite, the same DATA_DIR again', await timeStart({ DATA_DIR: dataDir, DEMO_DATA: 'true' }), 3);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  const name = `ph_bench_start_${randomBytes(4).toString('hex')}`;
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
  try {
    const env = { DATABASE_URL: url.toString(), DEMO_DATA: 'true', DATA_DIR: path.join(os.tmpdir(), 'ph-start-unused') };
    report('(c) PostgreSQL, new database, with the demo', await timeStart(env), 10);
    report('(d) PostgreSQL, the same database again', await timeStart(env), 3);
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
} else {
  console.log('(PostgreSQL not measured: set DATABASE_URL to a server, e.g. postgres://root@127.0.0.1:5432/postgres)');
}
console.log(`Load after: ${load()}`);
process.exitCode = ok ? 0 : 1;
