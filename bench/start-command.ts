// How `npm start` runs Node (package.json's start script): the environment it sets before `node`, and Node's
// flags (the heap limit), so that the benches measure the server as production runs it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function startCommand(): { env: Record<string, string>; flags: string[] } {
  const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = start.split(/\s+/);
  const node = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, node).map((w) => w.split('=', 2) as [string, string]));
  return { env, flags: words.slice(node + 1).filter((w) => w.startsWith('--')) };
}
