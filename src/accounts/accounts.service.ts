// Account commands: signing in with lockout, password reset and invitations through the
// outbox, first administrator, demo users. Messages never reveal whether an address has an account.
import type { Config } from '../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { ValidationError } from '../web/errors.ts';
import { EMAIL_PATTERN as EMAIL } from '../web/schema.ts';
import { checkPassword, hashPassword, passwordProblem } from './passwords.ts';
import { ROLES, type Role } from '../access/permissions.ts';
import { newSecret, sha256 } from './secrets.ts';
import * as users from './users.repository.ts';
import * as signInRepo from './sign-in.repository.ts';
import { deleteUserSessions } from './sessions.repository.ts';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
const RESET_HOURS = 1;
const INVITE_DAYS = 7;

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'locked'; message: string };

/**
 * Checks an e-mail and password. Failures are counted per address typed (whether or not an
 * account has it): after 5 in a row the address is locked for 15 minutes, with the same message
 * either way.
 */
export async function signIn(db: Database, tenantId: string, email: string, password: string): Promise<SignInResult> {
  const address = email.trim().toLowerCase();
  const emailHash = sha256(address);
  const lockedMessage = `Too many attempts to sign in as ${address}. Wait ${LOCK_MINUTES} minutes and try again, or reset your password.`;
  // The attempt is counted before the password is checked, atomically, so that 30 simultaneous
  // attempts check at most LOCK_AFTER_FAILURES passwords.
  const attempt = await signInRepo.claimAttempt(db, tenantId, emailHash);
  if (attempt === null) return { ok: false, reason: 'locked', message: lockedMessage };
  if (attempt > LOCK_AFTER_FAILURES) {
    await signInRepo.lockAddress(db, tenantId, emailHash, LOCK_MINUTES);
    return { ok: false, reason: 'locked', message: lockedMessage };
  }
  const user = EMAIL.test(address) ? await users.findUserByEmail(db, tenantId, address) : null;
  const valid = await checkPassword(user?.passwordHash ?? null, password);
  if (!valid || !user) {
    if (attempt >= LOCK_AFTER_FAILURES) {
      await signInRepo.lockAddress(db, tenantId, emailHash, LOCK_MINUTES);
      return { ok: false, reason: 'locked', message: lockedMessage };
    }
    return { ok: false, reason: 'invalid', message: 'Enter a correct email address and password' };
  }
  await signInRepo.clearFailures(db, tenantId, emailHash);
  await db.transaction({ actor: user.email }, (tx) => users.recordSignIn(tx, user.id));
  return { ok: true, userId: user.id };
}

function link(config: Config, path: string) {
  return `${(config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '')}${path}`;
}

async function issueToken(tx: Queryable, tenantId: string, userId: string, purpose: 'reset' | 'invite', hours: number) {
  const token = newSecret();
  await signInRepo.insertOneTimeToken(tx, { tenantId, userId, purpose, tokenHash: sha256(token), hours });
  return token;
}

/** Sends a reset link if the address has an account; says nothing either way. */
export async function requestPasswordReset(db: Database, config: Config, tenantId: string, email: string, actor: string) {
  const user = await users.findUserByEmail(db, tenantId, email);
  if (!user) return;
  await db.transaction({ actor }, async (tx) => {
    const token = await issueToken(tx, tenantId, user.id, 'reset', RESET_HOURS);
    await enqueueEmail(tx, tenantId, {
      to: user.email,
      subject: 'Reset your Partnership Hub password',
      text: `Dear ${user.name},\n\nSomeone asked to reset the password for your Partnership Hub account. To choose a new password, open this link within ${RESET_HOURS} hour:\n\n${link(config, `/reset-password/${token}`)}\n\nIf it was not you, you can ignore this e-mail: your password has not changed.\n`,
    });
  });
}

/** Creates an account without a password and e-mails an invitation to set one. */
export async function inviteUser(
  db: Database,
  config: Config,
  tenantId: string,
  actor: string,
  input: {
    email: string;
    name: string;
    roles: Role[];
    scopePartnershipIds?: string[];
    scopeOrganisationIds?: string[];
  },
) {
  const errors: Record<string, string> = {};
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) errors.email = 'Enter an email address in the correct format, like name@example.org';
  if (!input.name.trim()) errors.name = 'Enter their full name';
  if (input.roles.length === 0 || input.roles.some((r) => !ROLES.includes(r))) errors.roles = 'Select at least one role';
  if (!errors.email && (await users.findUserByEmail(db, tenantId, email))) errors.email = 'There is already an account with this email address';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return db.transaction({ actor }, async (tx) => {
    const userId = await users.insertUser(tx, tenantId, { ...input, email, name: input.name.trim(), passwordHash: null });
    const token = await issueToken(tx, tenantId, userId, 'invite', INVITE_DAYS * 24);
    const url = link(config, `/reset-password/${token}`);
    await enqueueEmail(tx, tenantId, {
      to: email,
      subject: 'You have been invited to Partnership Hub',
      text: `Dear ${input.name.trim()},\n\nYou have been given an account on Partnership Hub. To choose your password and sign in, open this link within ${INVITE_DAYS} days:\n\n${url}\n`,
    });
    return { userId, url };
  });
}

/** The live token's user, or null if it is unknown, used or expired. */
export async function userForOneTimeToken(db: Queryable, token: string) {
  return signInRepo.findOneTimeTokenHolder(db, sha256(token));
}

/** Sets a new password with a one-time token, spending the token and ending the user's other sessions. */
export async function resetPassword(db: Database, token: string, password: string, confirm: string) {
  const holder = await userForOneTimeToken(db, token);
  if (!holder) throw new ValidationError({ _: 'This link has expired or has already been used. Ask for a new one.' });
  const problem = passwordProblem(password, holder.email) ?? (password !== confirm ? null : null);
  const errors: Record<string, string> = {};
  if (problem) errors.password = problem;
  else if (password !== confirm) errors.confirm = 'The passwords do not match';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const passwordHash = await hashPassword(password);
  await db.transaction({ actor: holder.email }, async (tx) => {
    if (!(await signInRepo.spendOneTimeToken(tx, sha256(token))))
      throw new ValidationError({ _: 'This link has expired or has already been used. Ask for a new one.' });
    await users.setPassword(tx, holder.userId, passwordHash);
    await deleteUserSessions(tx, holder.userId);
  });
  return holder;
}

/** The first administrator, from the set-up page or the CLI: only while there are no users. */
export async function createFirstAdministrator(db: Database, tenantId: string, input: { email: string; name: string; password: string; confirm: string }) {
  const errors: Record<string, string> = {};
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) errors.email = 'Enter an email address in the correct format, like name@example.org';
  if (!input.name.trim()) errors.name = 'Enter your full name';
  const problem = passwordProblem(input.password, email);
  if (problem) errors.password = problem;
  else if (input.password !== input.confirm) errors.confirm = 'The passwords do not match';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const passwordHash = await hashPassword(input.password);
  return db.transaction({ actor: 'setup' }, async (tx) => {
    await users.lockFirstAdministrator(tx);
    if ((await users.countUsers(tx, tenantId)) > 0) throw new ValidationError({ _: 'An administrator already exists. Sign in instead.' });
    return users.insertUser(tx, tenantId, { email, name: input.name.trim(), passwordHash, roles: ['administrator'] });
  });
}

export const DEMO_PASSWORD = 'demo-partnership-hub';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'administrator@example.org', name: 'Alex Admin', role: 'administrator' },
  { email: 'democratic.services@example.org', name: 'Dee Services', role: 'democratic_services' },
  { email: 'partnership.officer@example.org', name: 'Pat Officer', role: 'partnership_officer' },
  { email: 'performance.officer@example.org', name: 'Perry Formance', role: 'performance_officer' },
  { email: 'finance.officer@example.org', name: 'Fin Ance', role: 'finance_officer' },
  { email: 'councillor@example.org', name: 'Cllr Connie Councillor', role: 'councillor' },
  { email: 'partner.editor@example.org', name: 'Lee Partner', role: 'partner_editor' },
];

/** Demo mode: one user per role, password DEMO_PASSWORD; the partner editor edits the LEP and its sub-groups. */
export async function createDemoUsers(db: Database, tenantId: string) {
  if ((await users.countUsers(db, tenantId)) > 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const lep = await users.partnershipIdsWithShortName(db, tenantId, 'GCGP LEP');
  await db.transaction({ actor: 'demo' }, async (tx) => {
    for (const u of DEMO_USERS) {
      await users.insertUser(tx, tenantId, {
        email: u.email,
        name: u.name,
        passwordHash,
        roles: [u.role],
        scopePartnershipIds: u.role === 'partner_editor' ? lep : [],
      });
    }
  });
}
