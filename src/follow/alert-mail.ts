// E-mail alerts' pure parts: the tokens in their links and the text of their e-mails. A token is the
// alert's id and an HMAC of its purpose and id under an instance secret, so nothing secret is stored and
// a token made for one purpose (confirming) opens nothing else (unsubscribing, managing).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '../web/schema.ts';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'manage';

const mac = (secret: string, purpose: TokenPurpose, id: string) =>
  createHmac('sha256', secret).update(`alert:${purpose}:${id}`).digest('base64url').slice(0, 32);

export const alertToken = (secret: string, purpose: TokenPurpose, id: string) => `${id}.${mac(secret, purpose, id)}`;

/** The alert id a token proves for this purpose, or null for a garbled, forged or other-purpose token. */
export function alertIdOf(secret: string, purpose: TokenPurpose, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 100) return null;
  const [id = '', given = '', ...rest] = token.split('.');
  if (rest.length || !isUuid(id)) return null;
  const expected = Buffer.from(mac(secret, purpose, id.toLowerCase()));
  const sent = Buffer.from(given);
  return sent.length === expected.length && timingSafeEqual(sent, expected) ? id.toLowerCase() : null;
}

export interface DigestItem {
  title: string;
  summary: string;
  url: string;
}

export interface Mail {
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

const SUMMARY_CHARS = 300;
const clip = (s: string) => (s.length > SUMMARY_CHARS ? `${s.slice(0, SUMMARY_CHARS - 1).trimEnd()}…` : s);

export function confirmationMail(o: { council: string; description: string; listUrl: string; confirmUrl: string }): Mail {
  return {
    subject: `Confirm your e-mail alert: ${o.description}`,
    text: [
      `You (or someone using this address) asked ${o.council} for a daily e-mail when something is new or changed in:`,
      '',
      `${o.description}`,
      o.listUrl,
      '',
      'To start the alert, open this link and press the button:',
      o.confirmUrl,
      '',
      'If you did not ask for this, ignore this e-mail: nothing will be sent, and the address is deleted within a week.',
    ].join('\n'),
  };
}

/** The daily digest: what is new or changed since the last one, each item with its link; unsubscribing in one click (RFC 8058). */
export function digestMail(o: { council: string; description: string; listUrl: string; items: DigestItem[]; manageUrl: string; unsubscribeUrl: string }): Mail {
  const n = o.items.length;
  return {
    subject: `${n} new or changed: ${o.description}`,
    text: [
      `New or changed since your last alert from ${o.council}, in ${o.description}:`,
      o.listUrl,
      '',
      ...o.items.flatMap((i) => [`- ${i.title}`, ...(i.summary ? [`  ${clip(i.summary)}`] : []), `  ${i.url}`, '']),
      `Manage your alerts: ${o.manageUrl}`,
      `Stop this alert: ${o.unsubscribeUrl}`,
    ].join('\n'),
    headers: {
      'List-Unsubscribe': `<${o.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/** Whether an entry goes in the digest: changed after the last digest. */
export const isNewSince = (updated: Date, since: Date) => updated.getTime() > since.getTime();
