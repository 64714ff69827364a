// Runs the test suites named on the command line (unit, integration, browser) with Node's
// test runner. Each test file runs in its own process with its own database, so files run
// in parallel safely. With DATABASE_URL set, integration tests run against that PostgreSQL.
//
// Before the files run, the template databases they copy are made once (see test/db-templates.ts):
// migrated, and migrated with the demo data, handed to the test processes in the environment and
// removed at the end. Prints how long the whole suite took.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createTemplates, type Templates } from '../test/db-templates.ts';

const started = performance.now();
const suites = process.argv.slice(2);
if (suites.length === 0) suites.push('unit', 'integration');

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return findTests(full);
    return entry.endsWith('.test.ts') ? [full] : [];
  });
}

function took(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// Largest files first, as a guess at the longest-running: the run then ends on short files rather
// than waiting for one long one that started late.
// A suite name (unit, integration, browser) or a test file's path, to run just that file.
const files = suites
  .flatMap((suite) => (suite.endsWith('.test.ts') ? [suite] : findTests(path.join('test', suite))))
  .map((file) => ({ file, size: statSync(file).size }))
  .sort((a, b) => b.size - a.size || a.file.localeCompare(b.file))
  .map((f) => f.file);
if (files.length === 0) {
  console.error(`No test files found for: ${suites.join(', ')}`);
  process.exit(1);
}
const concurrency = files.some((file) => file.includes(`${path.sep}browser${path.sep}`)) ? 1 : 2;
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };

// Unit tests use no database; the other suites build apps on the templates.
let templates: Templates | null = null;
if (files.some((file) => !file.includes(`${path.sep}unit${path.sep}`))) {
  const before = performance.now();
  try {
    Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: env.LOG_LEVEL });
    templates = await createTemplates();
  } catch (err) {
    console.error('Could not make the template databases for the tests:', err);
    process.exit(1);
  }
  Object.assign(env, templates.env);
  console.log(`Template databases ready (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}) in ${took(performance.now() - before)}`);
}

// Every test process starts PGlite's large WebAssembly module afresh. V8's baseline compiler alone
// (--liftoff-only, passed on to each file's process) starts it sooner and, for these short runs, costs
// less CPU than optimising it; on PostgreSQL there is no WebAssembly to compile.
const v8Flags = process.env.DATABASE_URL ? [] : ['--liftoff-only'];
const child = spawn(process.execPath, [...v8Flags, '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env,
});
// Ctrl-C reaches the test runner too; wait for it to stop, then clean up as usual.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const status = await new Promise<number>((resolve) => {
  child.on('error', (err) => {
    console.error(err);
    resolve(1);
  });
  child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

try {
  await templates?.remove();
} catch (err) {
  console.error('Could not remove the template databases:', err);
}
console.log(`\nTest suite took ${took(performance.now() - started)}`);
process.exit(status);
