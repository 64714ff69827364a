import { chromium } from 'playwright-core';
const base = 'http://localhost:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const res = await (await fetch(base + '/api/v1/partnerships?q=Horizons')).json();
const horizons = res.data[0].id;
const lep = (await (await fetch(base + '/api/v1/partnerships?q=Peterborough%20Local')).json()).data[0].id;
const shots: [string, string][] = [
  ['home', '/'], ['register', '/register'], ['landscape', '/register/landscape?date=2009-07-01&compare=2011-10-01'],
  ['horizons', `/register/${horizons}`], ['lep-manage', `/partnerships/${lep}`], ['new', '/partnerships/new'],
  ['event', `/partnerships/${lep}/events/new`], ['people', '/people'],
];
for (const [name, url] of shots) {
  await page.goto(base + url);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: process.argv.includes('--full') });
}
await page.goto(base + '/partnerships/new');
await page.click('button:has-text("Save partnership")');
await page.screenshot({ path: '/tmp/shots/new-errors.png' });
await browser.close();
