// A long values import, followed in Chromium (issue 19): the form sends the officer to the import's page, and the
// page's script keeps its progress up to date and goes on to the outcome when the import ends. On PostgreSQL the
// test holds the indicator's row locked, so the import waits at its first write while the page shows how far it
// has got (checked by axe at 1280 and 375 pixels); on the embedded PGlite, whose one connection the import holds,
// the page can only answer once the import has ended, and the journey checks that the officer lands on the count.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testIndicator } from '../indicators.ts';
import { toCsvText } from '../../src/performance/values-io.ts';
import { VALUE_COLUMNS } from '../../src/performance/values-validation.ts';
import { holdLocked } from '../locks.ts';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';

const ROWS = Array.from({ length: 48 }, (_, k) => [
  'BR 1',
  'Browser progress count',
  `${2020 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`,
  String(200 + (k % 5)),
  '',
  '',
  'final',
  '',
  '',
  '',
  '',
  '',
]);

describe('performance import: following a long import in the browser', () => {
  let s: BrowserSession;
  let indicator: string;
  const stored = async () =>
    (await s.t.db.query<{ n: number }>('select count(*)::int as n from indicator_values where indicator_id = $1 and deleted_at is null', [indicator]))[0]!.n;

  before(async () => {
    s = await startBrowserSession({ env: { IMPORT_WAIT_SECONDS: '0' } });
    indicator = await testIndicator(s.t.db, s.t.tenantId, { code: 'BR 1', title: 'Browser progress count' });
    await signInAs(s, 'performance.officer@example.org');
  });
  after(async () => s?.close());

  it('shows the progress while the import runs, then the count imported, without a reload by hand', async () => {
    const { page } = s;
    const onPostgres = s.t.db.engine === 'postgres';
    const lock = onPostgres ? await holdLocked(s.t.db, 'select id from indicators where id = $1', [indicator]) : null;
    try {
      await page.goto(`${s.baseUrl}/performance/import`);
      await page.getByLabel('Values file (CSV or Excel)').setInputFiles({
        name: 'four-years.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(toCsvText([[...VALUE_COLUMNS], ...ROWS])),
      });
      await page.getByRole('button', { name: 'Check and import' }).click();
      if (onPostgres) {
        await page.getByRole('heading', { level: 1, name: 'Importing indicator values' }).waitFor();
        assert.match(page.url(), /\/performance\/imports\/[0-9a-f-]{36}$/);
        // The script brings the count up to date without a reload.
        await page.getByText('48 of about 48 rows read and checked').waitFor();
        assert.equal(await page.locator('progress.app-progress').getAttribute('value'), '99');
        await expectAccessible(s);
        await page.setViewportSize({ width: 375, height: 800 });
        await expectAccessible(s);
        await page.setViewportSize({ width: 1280, height: 900 });
        if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/import-progress.png`, fullPage: true });
        assert.equal(await stored(), 0, 'nothing is imported while it runs');
        await lock?.release();
      }
      // The page goes on by itself to the performance page with the count.
      await page.waitForURL(/\/performance\?done=imported&count=48$/, { timeout: 20_000 });
      await page.getByText('Values imported').waitFor();
      assert.equal(await stored(), 48);
      // The import page lists it.
      await page.goto(`${s.baseUrl}/performance/import`);
      await page.getByRole('link', { name: 'four-years.csv' }).waitFor();
      await page.getByText('48 rows imported').waitFor();
      await expectAccessible(s);
      await page.setViewportSize({ width: 375, height: 800 });
      await expectAccessible(s);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/import-list-375.png`, fullPage: true });
    } finally {
      await lock?.release();
    }
  });
});
