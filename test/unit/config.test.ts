import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('has defaults that start the demo on port 3000 with the embedded database', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3000);
    assert.equal(c.DATA_DIR, './data');
    assert.equal(c.DATABASE_URL, undefined);
    assert.equal(c.DEMO_DATA, true);
  });
  it('starts empty with --no-demo or DEMO_DATA=false', () => {
    assert.equal(loadConfig({}, ['--no-demo']).DEMO_DATA, false);
    assert.equal(loadConfig({ DEMO_DATA: 'false' }).DEMO_DATA, false);
  });
  it('names every bad variable in one message', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' }),
      (err: Error) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /PORT: must be a number/);
        assert.match(err.message, /DATABASE_URL: must start with postgres:\/\//);
        assert.match(err.message, /DEMO_DATA: must be true or false/);
        return true;
      },
    );
  });
  it('insists on a session secret in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET: must be set in production/);
    assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /at least 32 characters/);
  });
  it('takes the import wait in seconds, from 0 to 60, and refuses anything else', () => {
    assert.equal(loadConfig({}).IMPORT_WAIT_SECONDS, 2);
    assert.equal(loadConfig({ IMPORT_WAIT_SECONDS: '0' }).IMPORT_WAIT_SECONDS, 0);
    assert.throws(() => loadConfig({ IMPORT_WAIT_SECONDS: 'soon' }), /IMPORT_WAIT_SECONDS: must be a number of seconds/);
    assert.throws(() => loadConfig({ IMPORT_WAIT_SECONDS: '-1' }), /IMPORT_WAIT_SECONDS/);
    assert.throws(() => loadConfig({ IMPORT_WAIT_SECONDS: '100000' }), /IMPORT_WAIT_SECONDS/);
  });
});
