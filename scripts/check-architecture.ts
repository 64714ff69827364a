// The architecture's rules, checked in CI: dependency-cruiser's module rules (.dependency-cruiser.cjs);
// then, on the same graph, no cycle between folders (a→b and b→a through different modules is a cycle
// that module-level checks miss); no source file over 450 lines; SQL only in repositories; and date
// formatters made once, not per call.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const cruise = spawnSync('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (cruise.error) throw cruise.error;
const result = JSON.parse(cruise.stdout) as {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[]; error: number };
};

const folder = (file: string) => /^src\/([^/]+)\//.exec(file)?.[1] ?? null;
const edges = new Map<string, Set<string>>();
for (const m of result.modules) {
  const from = folder(m.source);
  if (!from) continue;
  for (const d of m.dependencies) {
    const to = folder(d.resolved);
    if (!to || to === from || d.dependencyTypes.includes('npm') || d.dependencyTypes.includes('core')) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
  }
}

// Every cycle between folders, found by a depth-first search from each folder.
const cycles = new Set<string>();
const walk = (start: string, at: string, path: string[]) => {
  for (const next of edges.get(at) ?? []) {
    if (next === start) cycles.add([...path, start].join(' → '));
    else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
  }
};
for (const start of edges.keys()) walk(start, start, [start]);

const MAX_LINES = 450;
// Where SQL may be written: repositories, the database kernel, and the health check's `select 1`.
const SQL_ALLOWED = [/\.repository\.ts$/, /^src\/db\//, /^src\/web\/pages\.ts$/];
const SQL_CALL = /\b(?:db|tx|client|q|pool|database)\.(?:query|exec)\s*(?:<[^>]*>)?\s*\(/;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const full = path.join(dir, e);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
// A date formatter made per call costs about 150 µs and 25 KB outside V8's heap that V8 frees late: made per
// request, it took the server past 1.5 GB under load (issue 19). It is made once, at a module's top level.
const FORMATTER_PER_CALL = /^\s+.*new Intl\.DateTimeFormat\(|\.toLocale(?:Date|Time)?String\([^)]*timeZone/;
const tooLong: string[] = [];
const sqlOutside: string[] = [];
const formatterPerCall: string[] = [];
for (const file of files('src')) {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.length > MAX_LINES) tooLong.push(`${file} (${lines.length} lines)`);
  lines.forEach((line, i) => {
    if (FORMATTER_PER_CALL.test(line)) formatterPerCall.push(`${file}:${i + 1}`);
  });
  if (SQL_ALLOWED.some((r) => r.test(file))) continue;
  lines.forEach((line, i) => {
    if (SQL_CALL.test(line)) sqlOutside.push(`${file}:${i + 1}`);
  });
}

// Every folder of src/ is named in the rules as kernel or capability (or is the demo loader), so a new
// folder cannot slip past the front-door rules by not being listed.
const rulesText = readFileSync('.dependency-cruiser.cjs', 'utf8');
const listed = (name: string) => (new RegExp(`const ${name} =\\s*'\\(([^)]*)\\)'`).exec(rulesText)?.[1] ?? '').split('|');
const known = new Set([...listed('KERNEL'), ...listed('CAPABILITY'), 'demo']);
const unlisted = readdirSync('src').filter((e) => statSync(path.join('src', e)).isDirectory() && !known.has(e));
for (const f of unlisted) console.error(`✖ src/${f}/ is neither a kernel folder nor a capability in .dependency-cruiser.cjs`);

for (const v of result.summary.violations) console.error(`✖ ${v.rule.name}: ${v.from} → ${v.to}`);
for (const c of cycles) console.error(`✖ folder cycle: ${c}`);
for (const f of tooLong) console.error(`✖ over ${MAX_LINES} lines: ${f}`);
for (const f of sqlOutside) console.error(`✖ SQL outside a repository: ${f}`);
for (const f of formatterPerCall) console.error(`✖ a date formatter made per call (make it once, at the module's top level): ${f}`);
const modules = result.modules.length;
const failures = result.summary.violations.length + cycles.size + tooLong.length + sqlOutside.length + unlisted.length + formatterPerCall.length;
if (failures) {
  console.error(
    `Architecture: ${result.summary.violations.length} rule violations, ${cycles.size} folder cycles, ${tooLong.length} files over ${MAX_LINES} lines, ${sqlOutside.length} queries outside repositories and ${formatterPerCall.length} date formatters made per call (${modules} modules).`,
  );
  process.exit(1);
}
console.log(
  `Architecture: no rule violations, no cycles between folders, no file over ${MAX_LINES} lines, SQL only in repositories, date formatters made once (${modules} modules, ${edges.size} folders).`,
);
