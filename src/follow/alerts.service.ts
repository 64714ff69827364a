// E-mail alerts without an account (issue 17): sign up (double opt-in: one confirmation e-mail through
// the outbox, nothing else until confirmed), confirm, unsubscribe, and the daily digest run in the hourly
// job: for each confirmed alert not yet run today, what in its list changed since its last digest, sent
// through the outbox with a one-click unsubscribe (RFC 8058); nothing is sent when nothing is new.
import type { Database, Queryable } from '../db/database.ts';
import { sharedSecret } from '../db/instance-secrets.ts';
import { todayInEngland } from '../calendar/today.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { councilName } from '../meetings/index.ts';
import { ValidationError } from '../web/errors.ts';
import { EMAIL_PATTERN } from '../web/schema.ts';
import { alertIdOf, alertToken, confirmationMail, digestMail, isNewSince, type TokenPurpose } from './alert-mail.ts';
import * as repo from './alerts.repository.ts';
import { listEntries } from './entries.ts';
import { describeQuery, pageHref, parseFollowHref } from './query.ts';

const SECRET = 'follow.alerts';
const ACTOR = { actor: 'system:alerts' };
/** One address may follow this many lists. */
export const MAX_ALERTS_PER_ADDRESS = 25;
const UNCONFIRMED_DAYS = 7;
const DIGEST_BATCH = 200;

export const alertSecret = (db: Queryable) => sharedSecret(db, SECRET);

/** The alert a token proves for a purpose, or null (garbled, forged, or the alert is gone). */
export async function alertFromToken(db: Queryable, tenantId: string, purpose: TokenPurpose, token: unknown) {
  const id = alertIdOf(await alertSecret(db), purpose, token);
  return id ? repo.getAlert(db, tenantId, id) : null;
}

/** Whether a token is one we made for this purpose, whether or not its alert is still there (stopped alerts are deleted). */
export async function isOurToken(db: Queryable, purpose: TokenPurpose, token: unknown): Promise<boolean> {
  return alertIdOf(await alertSecret(db), purpose, token) !== null;
}

export async function tokenFor(db: Queryable, purpose: TokenPurpose, alertId: string) {
  return alertToken(await alertSecret(db), purpose, alertId);
}

/** The followed list an alert names, read and checked against what the public can see: its description, or an error. */
export async function describeList(db: Queryable, tenantId: string, list: unknown) {
  const parsed = parseFollowHref(typeof list === 'string' ? list : '');
  if (!parsed.ok) return parsed;
  const listed = await listEntries(db, tenantId, parsed.query);
  if (!listed.ok) return listed;
  return { ok: true as const, query: parsed.query, href: pageHref(parsed.query), description: describeQuery(parsed.query, listed.bodyName) };
}

/**
 * Signs an address up for a list: a new (or still unconfirmed) alert gets one confirmation e-mail; a
 * confirmed one gets nothing, and the answer is the same either way, so the page tells no one who follows what.
 */
export async function signUp(db: Database, tenantId: string, origin: string, raw: { email: unknown; list: unknown }, configuredCouncil?: string) {
  const errors: Record<string, string> = {};
  const email = typeof raw.email === 'string' ? raw.email.trim() : '';
  if (!email) errors.email = 'Enter your e-mail address';
  else if (email.length > 254 || !EMAIL_PATTERN.test(email)) errors.email = 'Enter an e-mail address in the correct format, like name@example.org';
  const list = await describeList(db, tenantId, raw.list);
  if (!list.ok) errors.list = list.error;
  if (!errors.email && (await repo.countAlertsOf(db, tenantId, email)) >= MAX_ALERTS_PER_ADDRESS) {
    errors.email = `This address already follows ${MAX_ALERTS_PER_ADDRESS} lists: stop one from the link in an alert first`;
  }
  if (Object.keys(errors).length || !list.ok) throw new ValidationError(errors);
  const council = await councilName(db, tenantId, configuredCouncil);
  const secret = await alertSecret(db);
  await db.transaction(ACTOR, async (tx) => {
    const { alert } = await repo.findOrCreateAlert(tx, tenantId, email, list.href);
    if (alert.confirmedAt) return;
    const mail = confirmationMail({
      council,
      description: list.description,
      listUrl: `${origin}${list.href}`,
      confirmUrl: `${origin}/alerts/confirm?token=${alertToken(secret, 'confirm', alert.id)}`,
    });
    await enqueueEmail(tx, tenantId, { to: email, ...mail });
  });
  return { email, description: list.description };
}

export async function confirm(db: Database, tenantId: string, alertId: string): Promise<boolean> {
  return db.transaction(ACTOR, (tx) => repo.confirmAlert(tx, tenantId, alertId));
}

export async function unsubscribe(db: Database, tenantId: string, alertId: string): Promise<boolean> {
  return db.transaction(ACTOR, (tx) => repo.deleteAlert(tx, tenantId, alertId));
}

/** The alerts of the address an alert belongs to, described, each with the token that stops it. */
export async function alertsOfAddress(db: Queryable, tenantId: string, alertId: string) {
  const secret = await alertSecret(db);
  const rows = await repo.alertsOfSameAddress(db, tenantId, alertId);
  return Promise.all(
    rows.map(async (a) => {
      const list = await describeList(db, tenantId, a.list);
      return {
        id: a.id,
        email: a.email,
        href: a.list,
        description: list.ok ? list.description : `${a.list} (no longer available)`,
        confirmed: a.confirmedAt !== null,
        unsubscribeToken: alertToken(secret, 'unsubscribe', a.id),
      };
    }),
  );
}

/**
 * The daily digests: each confirmed alert not yet run today gets what changed in its list since its last
 * digest (nothing sent when nothing did), and is marked as run today. Unconfirmed alerts over a week old
 * are deleted. Returns how many digests were queued.
 */
export async function sendDigests(db: Database, tenantId: string, publicUrl: string, opts: { now?: Date; configuredCouncil?: string } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const today = todayInEngland(now);
  const origin = publicUrl.replace(/\/+$/, '');
  await repo.deleteUnconfirmed(db, tenantId, new Date(now.getTime() - UNCONFIRMED_DAYS * 24 * 3600 * 1000));
  const council = await councilName(db, tenantId, opts.configuredCouncil);
  const secret = await alertSecret(db);
  let sent = 0;
  for (;;) {
    const queued = await db.transaction(ACTOR, async (tx) => {
      const due = await repo.claimDueAlerts(tx, tenantId, today, DIGEST_BATCH);
      let n = 0;
      for (const alert of due) {
        // A list that is gone (its committee no longer published) sends nothing; the alert stays, to be stopped from its link.
        const parsed = parseFollowHref(alert.list);
        const listed = parsed.ok ? await listEntries(tx, tenantId, parsed.query) : null;
        // The first digest covers what changed since the alert was confirmed.
        const since = alert.lastDigestAt ?? alert.confirmedAt ?? now;
        const fresh = listed?.ok ? listed.entries.filter((e) => isNewSince(e.updated, since) && e.updated.getTime() <= now.getTime()) : [];
        if (parsed.ok && listed?.ok && fresh.length) {
          const description = describeQuery(parsed.query, listed.bodyName);
          const mail = digestMail({
            council,
            description,
            listUrl: `${origin}${alert.list}`,
            items: fresh.map((e) => ({ title: e.title, summary: e.summary, url: `${origin}${e.href}` })),
            manageUrl: `${origin}/alerts/manage?token=${alertToken(secret, 'manage', alert.id)}`,
            unsubscribeUrl: `${origin}/alerts/unsubscribe?token=${alertToken(secret, 'unsubscribe', alert.id)}`,
          });
          await enqueueEmail(tx, tenantId, { to: alert.email, ...mail });
          n++;
        }
        await repo.markDigested(tx, tenantId, alert.id, now, today);
      }
      return { n, claimed: due.length };
    });
    sent += queued.n;
    if (queued.claimed < DIGEST_BATCH) return sent;
  }
}
