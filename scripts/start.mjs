// `npm start`: the compiled server (dist/, built at install by scripts/build-server.ts) while it is
// newer than every source file, so a start does not compile TypeScript; otherwise, after an edit or
// without a build, the TypeScript itself through tsx, as `npm run dev` does.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};
const built = mtime(path.join(ROOT, 'dist/.built'));
const stale =
  !built || readdirSync(path.join(ROOT, 'src'), { recursive: true }).some((f) => /\.(ts|json)$/.test(f) && mtime(path.join(ROOT, 'src', f)) > built);

if (!stale) {
  await import('../dist/main.js');
} else {
  console.warn('dist/ is missing or older than src/: running the TypeScript through tsx (npm run build compiles it)');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
