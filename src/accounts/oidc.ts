// Sign in with the council's identity provider over OpenID Connect (authorisation code + PKCE).
// The provider only proves who someone is: the user must already have an account here, found by
// e-mail, and keeps the roles given to that account. Registered only when configuration asks for it.
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as client from 'openid-client';

export interface OidcDeps {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** e.g. http://127.0.0.1:PORT; the redirect URI is `${publicUrl}/sign-in/oidc/callback`. */
  publicUrl: string;
  cookieSecure: boolean;
  /** Looks up the local user by e-mail (lower-cased); null if there is no account. */
  findUserIdByEmail(email: string): Promise<string | null>;
  /** Starts the app's own session for that user (sets the session cookie on reply). */
  startSession(reply: FastifyReply, userId: string, userAgent: string | undefined): Promise<void>;
  /** Renders a page: reply.view(template, context) exists in the app; in your test you can stub it. */
  refuse(reply: FastifyReply, status: number, message: string): Promise<unknown> | unknown;
}

const COOKIE = 'ph_oidc';
// Scoped to the two routes below, so the cookie goes nowhere else.
const COOKIE_PATH = '/sign-in/oidc';
const CALLBACK_PATH = '/sign-in/oidc/callback';
const MAX_AGE_SECONDS = 10 * 60;
// Each person's own work (src/start): where signing in leads unless they were sent from another page.
const DEFAULT_RETURN = '/start';

const TOO_SLOW = 'Your sign-in took too long or was started elsewhere. Try again.';
const DID_NOT_WORK = "Sign-in with your organisation's account did not work. Try again, or sign in with your email and password.";

/** What we must remember between sending someone to the provider and their coming back. */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** When the sign-in started (ms); the cookie's Max-Age is up to the browser, so we check too. */
  at: number;
}

/** Only a path on this site: `//host` and `/\host` would send the user to another site. */
export function safeReturnTo(value: unknown): string {
  // Browsers drop tabs and newlines from a URL before following it ("/\t/evil" becomes "//evil"),
  // and a newline cannot go in a header at all: refuse any control character.
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\u0000-\u001f\u007f]/.test(value) ? value : DEFAULT_RETURN;
}

function parsePending(raw: string): PendingSignIn | null {
  try {
    const p = JSON.parse(raw) as Partial<PendingSignIn>;
    if (
      typeof p.state !== 'string' ||
      typeof p.nonce !== 'string' ||
      typeof p.verifier !== 'string' ||
      typeof p.returnTo !== 'string' ||
      typeof p.at !== 'number'
    )
      return null;
    if (Date.now() - p.at > MAX_AGE_SECONDS * 1000 || p.at > Date.now() + 60_000) return null;
    return p as PendingSignIn;
  } catch {
    return null;
  }
}

export function registerOidcRoutes(app: FastifyInstance, deps: OidcDeps): void {
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${publicUrl}${CALLBACK_PATH}`;
  const issuer = new URL(deps.issuerUrl);

  // Discover once and reuse; forget a failure so the next sign-in tries again (the provider may
  // have been down for a moment) rather than the app needing a restart.
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    if (!discovered) {
      discovered = client.discovery(
        issuer,
        deps.clientId,
        undefined,
        client.ClientSecretBasic(deps.clientSecret),
        // openid-client refuses plain http; allow it only when the issuer itself is http (local tests).
        issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      discovered.catch(() => {
        discovered = null;
      });
    }
    return discovered;
  };

  const cookieOptions = { path: COOKIE_PATH, httpOnly: true, secure: deps.cookieSecure, sameSite: 'lax' } as const;

  app.get<{ Querystring: { returnTo?: string } }>(COOKIE_PATH, { config: { access: 'public.view' } }, async (request, reply) => {
    let config: client.Configuration;
    try {
      config = await configuration();
    } catch (err) {
      request.log.warn({ err }, 'OpenID Connect discovery failed');
      return deps.refuse(reply, 400, DID_NOT_WORK);
    }
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(request.query.returnTo),
      at: Date.now(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    // Signed, so the state, nonce and verifier cannot be swapped; lax, so it comes back on the
    // provider's top-level redirect to the callback.
    reply.setCookie(COOKIE, JSON.stringify(pending), { ...cookieOptions, signed: true, maxAge: MAX_AGE_SECONDS });
    return reply.redirect(url.href, 302);
  });

  app.get(CALLBACK_PATH, { config: { access: 'public.view' } }, async (request, reply) => {
    // One use only: clear it whatever happens next, so a callback URL cannot be replayed.
    const raw = request.cookies[COOKIE];
    reply.clearCookie(COOKIE, cookieOptions);
    const unsigned = raw ? request.unsignCookie(raw) : null;
    const pending = unsigned?.valid && unsigned.value !== null ? parsePending(unsigned.value) : null;
    if (!pending) return deps.refuse(reply, 400, TOO_SLOW);

    let email: string;
    try {
      const config = await configuration();
      // Checks the state, the PKCE verifier, and the ID token (signature, issuer, audience, nonce);
      // an error=... from the provider (e.g. access_denied) throws here too.
      const tokens = await client.authorizationCodeGrant(config, new URL(`${publicUrl}${request.url}`), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token claims');
      let found: Record<string, unknown> = claims;
      // Strictly conformant providers put scope claims only in userinfo, not in the ID token.
      if (typeof found.email !== 'string') found = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      if (typeof found.email !== 'string' || found.email_verified === false) throw new Error('no verified e-mail address');
      email = found.email.trim().toLowerCase();
    } catch (err) {
      // Logged for us; the user sees a plain page, never a 500 or a stack trace.
      request.log.warn({ err }, 'OpenID Connect sign-in failed');
      return deps.refuse(reply, 400, DID_NOT_WORK);
    }

    const userId = await deps.findUserIdByEmail(email);
    if (!userId) {
      return deps.refuse(reply, 403, `There is no Partnership Hub account for ${email}. Ask an administrator to invite you.`);
    }
    await deps.startSession(reply, userId, request.headers['user-agent']);
    return reply.redirect(safeReturnTo(pending.returnTo), 303);
  });
}
