// Where the demo data set lives: the top-level demo/ folder, data and notes beside each other.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo');
export const demoDataFile = (name: string) => path.join(DEMO_DATA_DIR, name);
