// The outbox sender against a real SMTP server (smtp-server, in this process), on PGlite or
// (with DATABASE_URL) a real PostgreSQL server.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import type { Database } from '../../src/db/database.ts';
import { ensureDefaultTenant, migrate } from '../../src/db/migrate.ts';
import { enqueueEmail } from '../../src/mail/outbox.ts';
import { sendPendingEmails, startOutboxSender } from '../../src/mail/sender.ts';
import { freshDatabase } from '../helper.ts';

interface Received {
  from: string;
  to: string;
  subject: string;
  body: string;
}

const FROM = 'Partnership Hub <hub@council.example.org>';

/** A port nothing listens on: open a server, note its port, close it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('e-mail outbox sender', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let tenantId: string;
  let smtp: SMTPServer;
  let smtpUrl: string;
  let received: Received[] = [];

  before(async () => {
    ({ db, drop } = await freshDatabase());
    await migrate(db);
    tenantId = await ensureDefaultTenant(db, 'Test Council');
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address !== 'refuse@example.org') return callback();
        const err: SMTPServerError = new Error('Mailbox refuse@example.org does not exist');
        err.responseCode = 550;
        callback(err);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const [head = '', body = ''] = raw.split(/\r?\n\r?\n/, 2);
          for (const rcpt of session.envelope.rcptTo) {
            received.push({
              from: /^From: (.*)$/m.exec(head)?.[1]?.trim() ?? '',
              to: rcpt.address,
              subject: /^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? '',
              body: body.trim(),
            });
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await drop();
  });

  // Each test starts with an empty outbox, so failures left by one test are not retried by the next.
  beforeEach(async () => {
    await db.query('delete from outbox');
    received = [];
  });

  const enqueue = (to: string, subject: string, text: string) => db.transaction({ actor: 'test' }, (tx) => enqueueEmail(tx, tenantId, { to, subject, text }));
  const row = async (id: string) =>
    (
      await db.query<{ sent_at: Date | null; attempts: number; last_error: string | null }>('select sent_at, attempts, last_error from outbox where id = $1', [
        id,
      ])
    )[0]!;

  it('delivers pending messages once, with the configured sender', async () => {
    const a = await enqueue('alice@example.org', 'Meeting papers published', 'The papers for 3 March are ready.');
    const b = await enqueue('bob@example.org', 'Your account', 'Set your password within 24 hours.');

    assert.deepEqual(await sendPendingEmails(db, { smtpUrl, from: FROM }), { sent: 2, failed: 0 });

    const byRecipient = new Map(received.map((m) => [m.to, m]));
    assert.equal(received.length, 2);
    assert.deepEqual(byRecipient.get('alice@example.org'), {
      from: FROM,
      to: 'alice@example.org',
      subject: 'Meeting papers published',
      body: 'The papers for 3 March are ready.',
    });
    assert.deepEqual(byRecipient.get('bob@example.org'), {
      from: FROM,
      to: 'bob@example.org',
      subject: 'Your account',
      body: 'Set your password within 24 hours.',
    });
    for (const id of [a, b]) {
      const r = await row(id);
      assert.ok(r.sent_at instanceof Date);
      assert.equal(r.attempts, 0);
      assert.equal(r.last_error, null);
    }

    assert.deepEqual(await sendPendingEmails(db, { smtpUrl, from: FROM }), { sent: 0, failed: 0 });
    assert.equal(received.length, 2);
  });

  it('records a refused recipient as a failed attempt and still sends the rest of the batch', async () => {
    const refused = await enqueue('refuse@example.org', 'Hello', 'Nobody home.');
    const ok = await enqueue('carol@example.org', 'Hello', 'Somebody home.');

    assert.deepEqual(await sendPendingEmails(db, { smtpUrl, from: FROM }), { sent: 1, failed: 1 });

    const r = await row(refused);
    assert.equal(r.sent_at, null);
    assert.equal(r.attempts, 1);
    assert.match(r.last_error ?? '', /refuse@example\.org does not exist/);
    assert.ok((await row(ok)).sent_at instanceof Date);
    assert.deepEqual(
      received.map((m) => m.to),
      ['carol@example.org'],
    );
  });

  it('leaves messages unsent, counting the attempt, when the server cannot be reached', async () => {
    const ids = [await enqueue('dave@example.org', 'One', 'First.'), await enqueue('erin@example.org', 'Two', 'Second.')];
    const unreachable = `smtp://127.0.0.1:${await closedPort()}`;

    assert.deepEqual(await sendPendingEmails(db, { smtpUrl: unreachable, from: FROM }), { sent: 0, failed: 2 });
    for (const id of ids) {
      const r = await row(id);
      assert.equal(r.sent_at, null);
      assert.equal(r.attempts, 1);
      assert.ok(r.last_error);
    }

    // maxAttempts: a message that has failed often enough is no longer tried.
    assert.deepEqual(await sendPendingEmails(db, { smtpUrl: unreachable, from: FROM, maxAttempts: 1 }), { sent: 0, failed: 0 });
    assert.equal(received.length, 0);
  });

  it('runs in the background; flush() sends now and stop() waits', async () => {
    const sender = startOutboxSender(db, { smtpUrl, from: FROM, intervalMs: 60_000, log: () => {} });
    try {
      const id = await enqueue('frank@example.org', 'Later', 'Enqueued after start.');
      assert.deepEqual(await sender.flush(), { sent: 1, failed: 0 });
      assert.ok((await row(id)).sent_at instanceof Date);
      assert.deepEqual(
        received.map((m) => [m.to, m.subject]),
        [['frank@example.org', 'Later']],
      );
    } finally {
      await sender.stop();
    }
  });
});
