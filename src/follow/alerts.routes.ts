// The pages of e-mail alerts (issue 17): sign up from a list's Follow box (/alerts/new?list=…), confirm
// from the e-mail (/alerts/confirm?token=…, a button, so a mail scanner opening the link confirms
// nothing), manage one's alerts from the link in each e-mail, and unsubscribe: a page with a button, and
// RFC 8058's one-click POST, which a mail client sends with no cookie and so takes no CSRF token (the
// token in the address proves it). Sign-up is rate-limited; bad input is a clear message, never a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { asBody, errorSummary, submitForm } from '../web/forms.ts';
import { originOf } from './feeds.routes.ts';
import * as alerts from './alerts.service.ts';

const V = 'follow/views';
const SIGN_UPS_PER_MINUTE = 10;

type Req = FastifyRequest<{ Querystring: Record<string, unknown> }>;
const tokenOf = (req: Req) => {
  const q = req.query?.token;
  const b = asBody(req.body).token;
  return typeof q === 'string' ? q : typeof b === 'string' ? b : '';
};

/** A link that does not open anything: garbled, forged, or for an alert already stopped. */
const linkNotValid = (reply: FastifyReply) =>
  reply.code(404).view(`${V}/alert-link.njk`, {
    pageTitle: 'This link does not work',
    message: 'The link may have been copied wrongly, or the alert it was for has been stopped. Nothing has changed.',
  });

/** Alert pages carry an address and tokens: never kept by the page cache, nor by a browser or proxy. */
const PRIVATE = { access: 'public.view' as const, publicCache: false };

export function registerAlertPages(app: FastifyInstance, db: Database, opts: { publicUrl?: string; councilName?: string }) {
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/alerts')) reply.header('cache-control', 'no-store');
  });
  const signUpPage = async (req: Req, reply: FastifyReply, values: { email: string; list: string }, errors: Record<string, string>, status = 200) => {
    const list = await alerts.describeList(db, req.ctx.tenantId, values.list);
    if (!list.ok && !values.email) {
      return reply.code(400).view(`${V}/alert-link.njk`, { pageTitle: 'This list cannot be followed', message: list.error });
    }
    return reply.code(status).view(`${V}/alert-new.njk`, {
      pageTitle: 'Get an e-mail alert',
      list: list.ok ? list : null,
      values,
      errors,
      errorList: errorSummary(errors),
    });
  };

  app.get('/alerts/new', { config: PRIVATE }, (req: Req, reply) =>
    signUpPage(req, reply, { email: '', list: typeof req.query.list === 'string' ? req.query.list : '' }, {}),
  );

  app.post('/alerts', { config: { ...PRIVATE, rateLimit: { max: SIGN_UPS_PER_MINUTE, timeWindow: '1 minute' } } }, async (req: Req, reply) => {
    const body = asBody(req.body);
    const values = { email: typeof body.email === 'string' ? body.email : '', list: typeof body.list === 'string' ? body.list : '' };
    return submitForm(() => alerts.signUp(db, req.ctx.tenantId, originOf(req, opts.publicUrl), body as { email: unknown; list: unknown }, opts.councilName), {
      done: (r) => reply.view(`${V}/alert-sent.njk`, { pageTitle: 'Check your e-mail', email: r.email, description: r.description }),
      invalid: (errors, status) => signUpPage(req, reply, values, errors, status),
    });
  });

  app.get('/alerts/confirm', { config: PRIVATE }, async (req: Req, reply) => {
    const alert = await alerts.alertFromToken(db, req.ctx.tenantId, 'confirm', tokenOf(req));
    if (!alert) return linkNotValid(reply);
    const list = await alerts.describeList(db, req.ctx.tenantId, alert.list);
    return reply.view(`${V}/alert-confirm.njk`, {
      pageTitle: alert.confirmedAt ? 'Your alert is already on' : 'Start your e-mail alert',
      confirmed: alert.confirmedAt !== null,
      description: list.ok ? list.description : alert.list,
      token: tokenOf(req),
      manageHref: `/alerts/manage?token=${await alerts.tokenFor(db, 'manage', alert.id)}`,
    });
  });

  app.post('/alerts/confirm', { config: PRIVATE }, async (req: Req, reply) => {
    const alert = await alerts.alertFromToken(db, req.ctx.tenantId, 'confirm', tokenOf(req));
    if (!alert) return linkNotValid(reply);
    const started = await alerts.confirm(db, req.ctx.tenantId, alert.id);
    return reply.redirect(`/alerts/manage?token=${await alerts.tokenFor(db, 'manage', alert.id)}&done=${started ? 'confirmed' : 'already'}`, 303);
  });

  app.get('/alerts/manage', { config: PRIVATE }, async (req: Req, reply) => {
    const alert = await alerts.alertFromToken(db, req.ctx.tenantId, 'manage', tokenOf(req));
    // A link we made whose alert is gone: the alert was stopped (unsubscribing deletes it), so say so.
    if (!alert && (await alerts.isOurToken(db, 'manage', tokenOf(req)))) {
      return reply.view(`${V}/alert-link.njk`, {
        pageTitle: 'You have unsubscribed from this alert',
        message:
          'This alert is stopped: you will get no more e-mails for it, and we no longer keep your address for it. To follow the list again, use the Follow box on its page.',
      });
    }
    if (!alert) return linkNotValid(reply);
    const done = typeof req.query.done === 'string' ? req.query.done : '';
    return reply.view(`${V}/alert-manage.njk`, {
      pageTitle: 'Your e-mail alerts',
      flash: { confirmed: 'Your alert is on: you will get an e-mail on any day something in the list is new or changed', already: 'This alert was already on' }[
        done
      ],
      email: alert.email,
      alerts: await alerts.alertsOfAddress(db, req.ctx.tenantId, alert.id),
    });
  });

  app.get('/alerts/unsubscribe', { config: PRIVATE }, async (req: Req, reply) => {
    const alert = await alerts.alertFromToken(db, req.ctx.tenantId, 'unsubscribe', tokenOf(req));
    if (!alert) return linkNotValid(reply);
    const list = await alerts.describeList(db, req.ctx.tenantId, alert.list);
    return reply.view(`${V}/alert-unsubscribe.njk`, {
      pageTitle: 'Stop this e-mail alert',
      description: list.ok ? list.description : alert.list,
      email: alert.email,
      token: tokenOf(req),
    });
  });

  // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the address in List-Unsubscribe, with no cookie.
  app.post('/alerts/unsubscribe', { config: { ...PRIVATE, csrf: false } }, async (req: Req, reply) => {
    const alert = await alerts.alertFromToken(db, req.ctx.tenantId, 'unsubscribe', tokenOf(req));
    if (!alert) return linkNotValid(reply);
    await alerts.unsubscribe(db, req.ctx.tenantId, alert.id);
    return reply.view(`${V}/alert-link.njk`, {
      pageTitle: 'Your alert is stopped',
      message: 'You will get no more e-mails for this alert, and we no longer keep your address for it.',
    });
  });
}
