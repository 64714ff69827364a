// Copy-paste check for CI: jscpd (pinned) over src/ at its default settings, failing above a number of clones.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LIMIT = 10;
const out = mkdtempSync(path.join(tmpdir(), 'jscpd-'));
const run = spawnSync('npx', ['jscpd', 'src', '--silent', '--reporters', 'json', '--output', out], { encoding: 'utf8' });
if (run.status !== 0) {
  console.error(run.stderr || run.stdout);
  process.exit(1);
}
const report = JSON.parse(readFileSync(path.join(out, 'jscpd-report.json'), 'utf8')) as {
  duplicates: {
    format: string;
    lines: number;
    firstFile: { name: string; start: number; end: number };
    secondFile: { name: string; start: number; end: number };
  }[];
};
rmSync(out, { recursive: true, force: true });
for (const d of report.duplicates) {
  console.log(
    `  ${d.firstFile.name}:${d.firstFile.start}-${d.firstFile.end} ~ ${d.secondFile.name}:${d.secondFile.start}-${d.secondFile.end} (${d.lines} lines)`,
  );
}
const count = report.duplicates.length;
console.log(`Clones in src/: ${count} (at most ${LIMIT}).`);
if (count > LIMIT) process.exit(1);
