// Pages for signing in and out, resetting a password, accepting an invitation, the first
// administrator, one's own account and API tokens, and the administrators' users and outbox.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { changeContext } from '../web/context.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, text, toArray } from '../web/forms.ts';
import { listOutbox } from '../mail/outbox.ts';
import { organisationChoices } from '../directory/index.ts';
import { listPartnerships } from '../partnerships/index.ts';
import { todayInEngland } from '../calendar/today.ts';
import { access } from '../access/route-access.ts';
import { EMAIL_PATTERN, formVersion, isUuid } from '../web/schema.ts';
import * as accounts from './accounts.service.ts';
import { createApiToken } from './api-tokens.ts';
import { listApiTokens, revokeApiToken } from './api-tokens.repository.ts';
import { endSession, startSession } from './auth.ts';
import { ROLE_LABELS, ROLES, type Role } from '../access/permissions.ts';
import * as users from './users.repository.ts';
import { safeReturnTo } from './oidc.ts';
import { notFoundPage } from '../web/error-pages.ts';

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string> }>;

const rateLimited = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

export async function registerAccountPages(app: FastifyInstance, db: Database, config: Config, tenantId: string) {
  const oidcEnabled = !!config.OIDC_ISSUER_URL;
  const signInPage = (reply: FastifyReply, values: Record<string, unknown>, errors: FieldErrors, status = 200, flash?: string) =>
    reply.code(status).view('accounts/views/sign-in.njk', {
      pageTitle: 'Sign in',
      values,
      errors,
      errorList: errorSummary(errors),
      oidcEnabled,
      flash,
      demoUsers: config.DEMO_DATA ? accounts.DEMO_USERS.map((u) => ({ ...u, roleLabel: ROLE_LABELS[u.role] })) : [],
      demoPassword: accounts.DEMO_PASSWORD,
    });

  app.get('/sign-in', access('public.view'), async (req: Req, reply) => {
    if ((await users.countUsers(db, tenantId)) === 0) return reply.redirect('/setup', 303);
    return signInPage(
      reply,
      { returnTo: safeReturnTo(req.query.returnTo) },
      {},
      200,
      req.query.done === 'reset'
        ? 'Your password has been changed. Sign in with your new password.'
        : req.query.done === 'out'
          ? 'You have signed out.'
          : undefined,
    );
  });

  app.post('/sign-in', { ...access('public.view'), config: { access: 'public.view', ...rateLimited(20) } }, async (req: Req, reply) => {
    const body = asBody(req.body);
    const email = text(body.email) ?? '';
    const password = text(body.password) ?? '';
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length) return signInPage(reply, body, errors, 400);
    const result = await accounts.signIn(db, tenantId, email, password);
    if (!result.ok) return signInPage(reply, { ...body, password: '' }, { email: result.message }, result.reason === 'locked' ? 429 : 400);
    await startSession(db, config, reply, tenantId, result.userId, req.headers['user-agent']);
    return reply.redirect(safeReturnTo(body.returnTo), 303);
  });

  app.post('/sign-out', access('public.view'), async (req, reply) => {
    await endSession(db, req, reply);
    return reply.redirect('/sign-in?done=out', 303);
  });

  app.get('/forgot-password', access('public.view'), async (_req, reply) =>
    reply.view('accounts/views/forgot-password.njk', { pageTitle: 'Reset your password', values: {}, errors: {} }),
  );

  app.post('/forgot-password', { config: { access: 'public.view', ...rateLimited(10) } }, async (req, reply) => {
    const email = text(asBody(req.body).email)?.trim() ?? '';
    if (!EMAIL_PATTERN.test(email)) {
      const errors = { email: 'Enter an email address in the correct format, like name@example.org' };
      return reply
        .code(400)
        .view('accounts/views/forgot-password.njk', { pageTitle: 'Reset your password', values: { email }, errors, errorList: errorSummary(errors) });
    }
    await accounts.requestPasswordReset(db, config, tenantId, email, 'anonymous');
    // The same answer whether or not the address has an account.
    return reply.view('accounts/views/forgot-password-sent.njk', { pageTitle: 'Check your email', email });
  });

  const resetPage = async (req: Req, reply: FastifyReply, errors: FieldErrors, status = 200) => {
    const holder = await accounts.userForOneTimeToken(db, req.params.token ?? '');
    if (!holder) return reply.code(410).view('accounts/views/link-expired.njk', { pageTitle: 'This link has expired' });
    return reply.code(status).view('accounts/views/reset-password.njk', {
      pageTitle: holder.purpose === 'invite' ? 'Choose your password' : 'Choose a new password',
      holder,
      token: req.params.token,
      errors,
      errorList: errorSummary(errors),
    });
  };
  app.get('/reset-password/:token', access('public.view'), (req: Req, reply) => resetPage(req, reply, {}));
  app.post('/reset-password/:token', { config: { access: 'public.view', ...rateLimited(10) } }, async (req: Req, reply) => {
    const body = asBody(req.body);
    return submitForm(() => accounts.resetPassword(db, req.params.token ?? '', text(body.password) ?? '', text(body.confirm) ?? ''), {
      done: () => reply.redirect('/sign-in?done=reset', 303),
      // The service refuses a link that has expired or been used as a whole (`_`): that has a page of its own.
      invalid: (errors, status) =>
        errors._ ? reply.code(410).view('accounts/views/link-expired.njk', { pageTitle: 'This link has expired' }) : resetPage(req, reply, errors, status),
    });
  });

  // ---- First administrator ------------------------------------------------------------------
  const setupOpen = async () => (await users.countUsers(db, tenantId)) === 0;
  app.get('/setup', access('public.view'), async (_req, reply) => {
    if (!(await setupOpen())) return notFoundPage(reply);
    return reply.view('accounts/views/setup.njk', { pageTitle: 'Create the first administrator', values: {}, errors: {} });
  });
  app.post('/setup', { config: { access: 'public.view', ...rateLimited(10) } }, async (req, reply) => {
    if (!(await setupOpen())) return notFoundPage(reply);
    const body = asBody(req.body);
    return submitForm(
      async () => {
        const userId = await accounts.createFirstAdministrator(db, tenantId, {
          email: text(body.email) ?? '',
          name: text(body.name) ?? '',
          password: text(body.password) ?? '',
          confirm: text(body.confirm) ?? '',
        });
        await startSession(db, config, reply, tenantId, userId, req.headers['user-agent']);
      },
      {
        done: () => reply.redirect('/admin/users?done=setup', 303),
        invalid: (errors, status) =>
          reply.code(status).view('accounts/views/setup.njk', {
            pageTitle: 'Create the first administrator',
            values: { ...body, password: '', confirm: '' },
            errors,
            errorList: errorSummary(errors),
          }),
      },
    );
  });

  // ---- Own account and API tokens -----------------------------------------------------------
  const accountPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.code(status).view('accounts/views/account.njk', {
      pageTitle: 'Your account',
      tokens: await listApiTokens(db, req.user!.userId),
      roleLabels: req.user!.roles.map((r) => ROLE_LABELS[r]),
      errors: {},
      ...extra,
    });
  app.get('/account', access('account.self'), (req: Req, reply) => accountPage(req, reply));
  app.post('/account/tokens', { config: { access: 'account.self', ...rateLimited(10) } }, async (req: Req, reply) => {
    const name = text(asBody(req.body).name)?.trim() ?? '';
    if (!name || name.length > 100) {
      const errors = { name: name ? 'Name must be 100 characters or fewer' : 'Enter a name for the token, like "Performance dashboard"' };
      return accountPage(req, reply, { errors, errorList: errorSummary(errors) }, 400);
    }
    const token = await db.transaction(changeContext(req.ctx), (tx) => createApiToken(tx, req.user!.tenantId, req.user!.userId, name));
    return accountPage(req, reply, { newToken: token, newTokenName: name });
  });
  app.post('/account/tokens/:id/revoke', access('account.self'), async (req: Req, reply) => {
    if (isUuid(req.params.id ?? '')) await db.transaction(changeContext(req.ctx), (tx) => revokeApiToken(tx, req.user!.userId, req.params.id!));
    return reply.redirect('/account?done=revoked', 303);
  });

  // ---- Administrators: users and outbox -----------------------------------------------------
  const scopeChoices = async () => ({
    partnerships: (await listPartnerships(db, tenantId, { asAt: todayInEngland(), limit: 5000, offset: 0, includeDrafts: true })).rows,
    organisations: await organisationChoices(db, tenantId),
  });
  const userForm = async (reply: FastifyReply, ctx: Record<string, unknown>, status = 200) => {
    const values = (ctx.values ?? {}) as Record<string, unknown>;
    const chosen = (key: string) => toArray(values[key]);
    const choices = await scopeChoices();
    return reply.code(status).view('accounts/views/user-form.njk', {
      ...ctx,
      roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: chosen('roles').includes(r) })),
      partnershipItems: choices.partnerships.map((p) => ({ value: p.id, text: p.name, selected: chosen('scopePartnershipIds').includes(p.id) })),
      organisationItems: choices.organisations.map((o) => ({ value: o.id, text: o.name, selected: chosen('scopeOrganisationIds').includes(o.id) })),
    });
  };
  app.get('/admin', access('users.manage'), async (_req, reply) => reply.redirect('/admin/users', 303));
  app.get('/admin/users', access('users.manage'), async (req: Req, reply) =>
    reply.view('accounts/views/users.njk', {
      pageTitle: 'Users',
      users: await users.listUsers(db, tenantId),
      roleLabels: ROLE_LABELS,
      flash:
        req.query.done === 'invited'
          ? 'Invitation sent'
          : req.query.done === 'setup'
            ? 'Your administrator account is ready'
            : req.query.done
              ? 'Saved'
              : undefined,
    }),
  );
  app.get('/admin/users/invite', access('users.manage'), (_req, reply) =>
    userForm(reply, { pageTitle: 'Invite a user', isNew: true, values: {}, errors: {}, backLink: '/admin/users' }),
  );
  app.post('/admin/users/invite', access('users.manage'), async (req: Req, reply) => {
    const body = asBody(req.body);
    return submitForm(
      () =>
        accounts.inviteUser(db, config, tenantId, req.ctx.actor, {
          email: text(body.email) ?? '',
          name: text(body.name) ?? '',
          roles: toArray(body.roles) as Role[],
          scopePartnershipIds: toArray(body.scopePartnershipIds).filter(isUuid),
          scopeOrganisationIds: toArray(body.scopeOrganisationIds).filter(isUuid),
        }),
      {
        done: () => reply.redirect('/admin/users?done=invited', 303),
        invalid: (errors, status) =>
          userForm(reply, { pageTitle: 'Invite a user', isNew: true, values: body, errors, errorList: errorSummary(errors), backLink: '/admin/users' }, status),
      },
    );
  });
  const loadUser = async (req: Req) => (isUuid(req.params.id ?? '') ? users.findUser(db, tenantId, req.params.id!) : null);
  app.get('/admin/users/:id', access('users.manage'), async (req: Req, reply) => {
    const user = await loadUser(req);
    if (!user) return notFoundPage(reply);
    return userForm(reply, { pageTitle: `Change ${user.name}`, user, values: user, errors: {}, backLink: '/admin/users' });
  });
  app.post('/admin/users/:id', access('users.manage'), async (req: Req, reply) => {
    const user = await loadUser(req);
    if (!user) return notFoundPage(reply);
    const body = asBody(req.body);
    const roles = toArray(body.roles).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const errors: FieldErrors = {};
    if (!text(body.name)?.trim()) errors.name = 'Enter their full name';
    if (roles.length === 0) errors.roles = 'Select at least one role';
    if (user.id === req.user!.userId && !roles.includes('administrator')) errors.roles = 'You cannot remove your own administrator role';
    if (!Object.keys(errors).length) {
      const ok = await db.transaction(changeContext(req.ctx), (tx) =>
        users.updateUserAccess(tx, tenantId, user.id, formVersion(body.version), {
          name: text(body.name)!.trim(),
          roles,
          scopePartnershipIds: toArray(body.scopePartnershipIds).filter(isUuid),
          scopeOrganisationIds: toArray(body.scopeOrganisationIds).filter(isUuid),
        }),
      );
      if (ok) return reply.redirect('/admin/users?done=saved', 303);
      errors._ = 'Someone else changed this user while you were editing. Check their details and try again.';
    }
    return userForm(
      reply,
      { pageTitle: `Change ${user.name}`, user, values: { ...body, version: user.version }, errors, errorList: errorSummary(errors), backLink: '/admin/users' },
      400,
    );
  });
  app.get('/admin/outbox', access('users.manage'), async (_req, reply) =>
    reply.view('accounts/views/outbox.njk', { pageTitle: 'Outbox', messages: await listOutbox(db, tenantId), smtp: !!config.SMTP_URL }),
  );
}
