// Register under load (issue 2): the register list and a partnership page, 50 connections,
// on 2,000 partnerships and 20,000 people. Prints p50/p99 latency and the throughput ratio
// against a bare route rendering the same page with no database work, measured in this run.
// Targets: p99 under 50 ms, ratio at least 0.4. Uses DATABASE_URL's server when set (the
// production set-up); otherwise the embedded PGlite, which runs in the server's own thread.
// Run: DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench  (BENCH_SECONDS=10 by default)
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

const server = fork(new URL('./register-server.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
const info = await new Promise<{ port: number; sample: string; seededIn: number; engine: string; counts: Record<string, number> }>((resolve, reject) => {
  server.once('message', resolve as never);
  server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const base = `http://127.0.0.1:${info.port}`;
console.log(`Database: ${info.engine}; ${info.counts.partnerships} partnerships, ${info.counts.people} people (seeded in ${info.seededIn} ms)`);

async function load(path: string) {
  await autocannon({ url: base + path, connections: CONNECTIONS, duration: 2 }); // warm-up
  const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION });
  if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

const rows: string[] = [];
let ok = true;
for (const [name, real, baseline] of [
  ['register list', '/register', '/__baseline/register'],
  ['partnership page', `/register/${info.sample}`, '/__baseline/partnership'],
] as const) {
  const b = await load(baseline);
  const r = await load(real);
  const ratio = r.rps / b.rps;
  const pass = r.p99 < 50 && ratio >= 0.4;
  ok &&= pass;
  rows.push(
    `${name.padEnd(17)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  ` +
      `baseline ${b.rps.toFixed(0).padStart(6)} req/s (p99 ${b.p99} ms)  ratio ${ratio.toFixed(2)}  ${pass ? 'meets target' : 'MISSES target (p99 < 50 ms, ratio >= 0.4)'}`,
  );
}
console.log(rows.join('\n'));
server.send('stop');
process.exitCode = ok ? 0 : 1;
