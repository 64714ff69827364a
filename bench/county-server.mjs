// The server side of bench/county-pages.bench.ts, run as production runs: plain JavaScript importing only the
// compiled app (dist/), forked with the Node flags of `npm start`, so its resident memory is the app's own
// (no TypeScript loader). Adds one route: the best the server can do for each page, the same hooks (headers,
// sign-in, request id) with no database and no cache, the same bytes compressed once in memory and sent in
// the encoding the client accepts. Messages: sends {port} when listening; takes {baseline: html[]} (answers
// 'ready'), 'memory' (answers {memory}: the peak of each part of process.memoryUsage()) and 'stop'.
import { promisify } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import { loadConfig } from '../dist/config.js';
import { startServices } from '../dist/server.js';
import { chooseEncoding } from '../dist/web/public-cache.js';

const config = loadConfig({
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(32),
  LOG_LEVEL: 'silent',
  DEMO_DATA: 'false',
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  COUNCIL_NAME: process.env.BENCH_COUNCIL,
});
const { app } = await startServices(config, { logger: false });
const pages = [];
// The largest of each part of the process's memory, sampled every 100 ms, for the bench to report.
// V8's malloced memory (compilers' zones and the like) is outside its heap and buffers.
const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0, v8Malloced: 0 };
setInterval(() => {
  const now = { ...process.memoryUsage(), v8Malloced: getHeapStatistics().malloced_memory };
  for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], now[k]);
}, 100).unref();
app.get('/__baseline/:n', { config: { access: 'public.view', publicCache: false } }, async (req, reply) => {
  const page = pages[Number(req.params.n)];
  if (!page) return reply.code(404).send();
  reply.type('text/html; charset=utf-8').header('vary', 'accept-encoding');
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  if (!encoding) return reply.send(page.body);
  return reply.header('content-encoding', encoding).send(encoding === 'br' ? page.br : page.gzip);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', async (m) => {
  if (typeof m === 'object' && m.baseline) {
    for (const html of m.baseline) {
      const body = Buffer.from(html);
      pages.push({
        body,
        gzip: await promisify(gzip)(body, { level: 6 }),
        br: await promisify(brotliCompress)(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }),
      });
    }
    process.send('ready');
  } else if (m === 'memory') {
    process.send({ memory: peak });
  } else if (m === 'stop') {
    await app.close();
    process.exit(0);
  }
});
