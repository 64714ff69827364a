// Two instances of the application on one database behave as one: they share rate limits, the
// development session secret (so a form from one is accepted by the other) and trust no client's
// X-Forwarded-For unless a proxy is configured (TRUST_PROXY).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { startServices } from '../../src/server.ts';
import { anonymousAgent, freshDatabase } from '../helper.ts';

const baseEnv = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', COUNCIL_NAME: 'Cambridge City Council' } as const;

describe('two instances on one database', () => {
  let dropDb: () => Promise<void>;
  let first: FastifyInstance;
  let second: FastifyInstance;

  before(async () => {
    const { db, drop } = await freshDatabase();
    dropDb = drop;
    first = (await startServices(loadConfig(baseEnv), { db, logger: false })).app;
    second = (await startServices(loadConfig(baseEnv), { db, logger: false })).app;
    await Promise.all([first.ready(), second.ready()]);
  });
  after(async () => {
    await first.close();
    await second.close();
    await dropDb();
  });

  const signIn = (app: FastifyInstance, remoteAddress: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: 'email=nobody%40example.org&password=wrong',
    });

  it("counts one client's sign-ins across both instances: 20 a minute in all, not 20 each", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) statuses.push((await signIn(i % 2 ? second : first, '203.0.113.7')).statusCode);
    assert.equal(statuses.filter((s) => s === 429).length, 4, `statuses: ${statuses.join(' ')}`);
    assert.ok(statuses.slice(0, 20).every((s) => s !== 429));
  });

  it('ignores X-Forwarded-For from a client when no proxy is trusted, so a changing header escapes no limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await signIn(first, '203.0.113.8', { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
    assert.equal(statuses.filter((s) => s === 429).length, 2);
  });

  it('accepts a form from one instance posted to the other (one development session secret, kept in the database)', async () => {
    const agent = anonymousAgent(first);
    const token = await agent.csrf();
    assert.ok(token);
    const cookie = Object.entries(agent.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const res = await second.inject({
      method: 'POST',
      url: '/forgot-password',
      remoteAddress: '203.0.113.9',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: `_csrf=${encodeURIComponent(token)}&email=someone%40example.org`,
    });
    assert.notEqual(res.statusCode, 403, res.body.slice(0, 300));
    assert.ok([200, 303].includes(res.statusCode), String(res.statusCode));
  });
});

describe('TRUST_PROXY', () => {
  it('is off unless set, and takes a number of proxies or their addresses', () => {
    assert.equal(loadConfig(baseEnv).TRUST_PROXY, false);
    assert.equal(loadConfig({ ...baseEnv, TRUST_PROXY: 'false' }).TRUST_PROXY, false);
    assert.equal(loadConfig({ ...baseEnv, TRUST_PROXY: '1' }).TRUST_PROXY, 1);
    assert.deepEqual(loadConfig({ ...baseEnv, TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).TRUST_PROXY, ['10.0.0.1', '10.1.0.0/16']);
    assert.throws(() => loadConfig({ ...baseEnv, TRUST_PROXY: 'true; rm -rf' }), /TRUST_PROXY: must be off, a number of proxies/);
  });

  it('with one trusted proxy, takes the client address from X-Forwarded-For', async () => {
    const { db, drop } = await freshDatabase();
    const { app } = await startServices(loadConfig({ ...baseEnv, TRUST_PROXY: '1' }), { db, logger: false });
    try {
      app.get('/__ip', { config: { access: 'public.view' } }, async (req) => ({ ip: req.ip, host: req.host }));
      await app.ready();
      const res = await app.inject({ method: 'GET', url: '/__ip', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': '198.51.100.20' } });
      assert.equal(JSON.parse(res.body).ip, '198.51.100.20');
    } finally {
      await app.close();
      await drop();
    }
  });
});
