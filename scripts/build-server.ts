// Compiles src/ to dist/ for `npm start` (run at install, after the stylesheet): each file on its own,
// types removed and `.ts` imports rewritten to `.js`. No type checking here: that is `npm run
// typecheck` and CI's job, and a build that refused to emit would leave only a slower start.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const started = Date.now();
// TypeScript is a development dependency: an install without it keeps `npm start` on tsx (scripts/start.mjs).
const ts = (await import('typescript').catch(() => null))?.default;
if (!ts) {
  console.log('TypeScript is not installed: dist/ not built, npm start will run the TypeScript through tsx');
  process.exit(0);
}
const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.build.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
// One file at a time TypeScript cannot look up package.json's "type": say it, or NodeNext means CommonJS.
const compilerOptions = { ...options, module: ts.ModuleKind.ESNext };

rmSync(DIST, { recursive: true, force: true });
let files = 0;
for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(DIST, path.relative(SRC, from));
  // JSON beside a module is read from the module's own place (the bank holidays); views and styles stay in src/.
  if (entry.name.endsWith('.json')) {
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
    const out = ts.transpileModule(readFileSync(from, 'utf8'), { compilerOptions, fileName: from });
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to.replace(/\.ts$/, '.js'), out.outputText);
    files++;
  }
}
// scripts/start.mjs runs dist/ only while this stamp is newer than every source file.
writeFileSync(path.join(DIST, '.built'), new Date().toISOString());
console.log(`Compiled ${files} modules to dist/ in ${Date.now() - started} ms`);
