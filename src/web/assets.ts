import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = path.join(ROOT_DIR, 'public/build');
export const GOVUK_DIST = path.join(ROOT_DIR, 'node_modules/govuk-frontend/dist');
const CSS_OUT = path.join(BUILD_DIR, 'app.css');

/** Compiles src/web/assets/app.scss against govuk-frontend unless a current build exists. */
export async function buildAssets({ force = false } = {}): Promise<void> {
  const source = path.join(ROOT_DIR, 'src/web/assets/app.scss');
  if (!force) {
    const [out, src] = await Promise.all([stat(CSS_OUT).catch(() => null), stat(source)]);
    if (out && out.mtimeMs >= src.mtimeMs) return;
  }
  const sass = await import('sass');
  const result = await sass.compileAsync(source, {
    loadPaths: [GOVUK_DIST],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'slash-div', 'color-functions', 'if-function'] as never,
  });
  await mkdir(BUILD_DIR, { recursive: true });
  await writeFile(CSS_OUT, result.css);
}
