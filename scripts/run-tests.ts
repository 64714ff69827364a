// Runs the test suites named on the command line (unit, integration, browser) with Node's
// test runner. Each test file runs in its own process with its own database, so files run
// in parallel safely. With DATABASE_URL set, integration tests run against that PostgreSQL.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const suites = process.argv.slice(2);
if (suites.length === 0) suites.push('unit', 'integration');

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return findTests(full);
    return entry.endsWith('.test.ts') ? [full] : [];
  });
}

const files = suites.flatMap((suite) => findTests(path.join('test', suite))).sort();
if (files.length === 0) {
  console.error(`No test files found for: ${suites.join(', ')}`);
  process.exit(1);
}
const concurrency = suites.includes('browser') ? 1 : 2;
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
  '--test-reporter=spec', ...files], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } });
process.exit(result.status ?? 1);
