// Compiles the stylesheet once at install time (and again at start-up if it is missing).
import { buildAssets } from '../src/web/assets.ts';
await buildAssets({ force: true });
console.log('Built public/build/app.css');
