// Delivers the outbox (outbox.ts) over SMTP. Messages are written to the outbox in the same
// transaction as the change that caused them, so delivery happens here, later and with retries.
// Delivery is at-least-once: if the database fails after a message has gone out but before the
// transaction commits, that message is sent again on the next pass.
import { createTransport } from 'nodemailer';
import type { Database } from '../db/database.ts';
import { claimPendingEmails, markSent, recordSendFailure } from './outbox.repository.ts';

export interface SendResult {
  sent: number;
  failed: number;
}

export interface SenderOptions {
  /** e.g. smtp://user:pass@mail.example.org:587 */
  smtpUrl: string;
  from: string;
  batchSize?: number;
  /** A message that has failed this many times is left alone (it stays visible in the outbox). */
  maxAttempts?: number;
}

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export async function sendPendingEmails(db: Database, opts: SenderOptions): Promise<SendResult> {
  const { batchSize = 20, maxAttempts = 5 } = opts;
  const transport = createTransport(opts.smtpUrl);
  try {
    return await db.transaction({ actor: 'system:mailer' }, async (tx) => {
      // The row locks are held until commit, so no other instance sends these meanwhile.
      const rows = await claimPendingEmails(tx, maxAttempts, batchSize);
      const result: SendResult = { sent: 0, failed: 0 };
      for (const row of rows) {
        try {
          await transport.sendMail({ from: opts.from, to: row.to_address, subject: row.subject, text: row.body_text, headers: row.headers ?? {} });
        } catch (err) {
          // One bad address or a server outage must not stop the rest, nor lose the record of why.
          await recordSendFailure(tx, row.id, errorMessage(err));
          result.failed++;
          continue;
        }
        await markSent(tx, row.id);
        result.sent++;
      }
      return result;
    });
  } finally {
    transport.close();
  }
}

export interface OutboxSender {
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
  /** Runs one pass now, after any pass in progress. */
  flush(): Promise<SendResult>;
}

export function startOutboxSender(db: Database, opts: SenderOptions & { intervalMs?: number; log?: (msg: string, err?: unknown) => void }): OutboxSender {
  const log = opts.log ?? ((msg: string, err?: unknown) => process.emitWarning(err === undefined ? msg : `${msg}: ${errorMessage(err)}`));
  // Passes run one after another on this chain, so they never overlap (in this process).
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  const runPass = () => {
    pending++;
    const pass = tail
      .then(() => sendPendingEmails(db, opts))
      .finally(() => {
        pending--;
      });
    tail = pass.catch(() => undefined);
    return pass;
  };
  const timer = setInterval(() => {
    // A slow SMTP server must not make timer ticks pile up behind it.
    if (pending > 0) return;
    runPass().then(
      (r) => {
        if (r.failed > 0) log(`Outbox: ${r.failed} message(s) could not be sent, will retry`);
      },
      (err: unknown) => log('Outbox sender failed', err),
    );
  }, opts.intervalMs ?? 5000);
  // The sender alone must not keep the process alive (tests, CLI commands, shutdown).
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tail;
    },
    flush: runPass,
  };
}
