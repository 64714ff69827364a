// The architecture's rules, checked in CI: dependency-cruiser's module rules (.dependency-cruiser.cjs), and
// then, on the same graph, no cycle between capability folders (a→b and b→a through different modules
// is a cycle that module-level checks miss).
import { spawnSync } from 'node:child_process';

const cruise = spawnSync('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
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

for (const v of result.summary.violations) console.error(`✖ ${v.rule.name}: ${v.from} → ${v.to}`);
for (const c of cycles) console.error(`✖ folder cycle: ${c}`);
const modules = result.modules.length;
if (result.summary.violations.length || cycles.size) {
  console.error(`Architecture: ${result.summary.violations.length} rule violations and ${cycles.size} folder cycles in ${modules} modules.`);
  process.exit(1);
}
console.log(`Architecture: no rule violations and no cycles between folders (${modules} modules, ${edges.size} folders).`);
