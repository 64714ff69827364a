// Reading pages in integration tests as a person would: the text without tags, the error summary,
// a page that must answer 200, and a form post that must redirect.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Agent } from './helper.ts';

/** The text of a page with tags removed and spaces collapsed. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

/** The text of the page's main content only (not its header, service and section navigation or footer). */
export const mainTextOf = (html: string) => textOf(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html);

/** The GOV.UK error summary's text, or '' when the page has none. */
export const errorSummaryOf = (html: string) => {
  const m = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html);
  return m ? textOf(m[0]) : '';
};

/** The page's HTML, which must answer 200. */
export async function okPage(agent: Agent, url: string) {
  const res = await agent.get(url);
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
  return res.body;
}

/** A form post's redirect (303) to an address matching `to`; the error summary says why when it did not. */
export function redirectedTo(res: LightMyRequestResponse, to: RegExp) {
  assert.equal(res.statusCode, 303, errorSummaryOf(res.body) || res.body.slice(0, 500));
  assert.match(String(res.headers.location), to);
  return String(res.headers.location);
}

/**
 * A generated document's size as an attachment link says it ("72 KB"), as a regular-expression alternative: two
 * renders of the same document differ by a few bytes (its timestamps), which can tip the rounding to the next KB.
 */
export function generatedSizePattern(bytes: number): string {
  return `(?:${[...new Set([bytes - 64, bytes, bytes + 64].map((b) => `${Math.round(b / 1024)} KB`))].join('|')})`;
}
