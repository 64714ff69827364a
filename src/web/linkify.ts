// Web and e-mail addresses in text people typed (a partnership's description, an agenda item, a minute,
// a resolution) become links on the page. linkify-it finds them (it knows where an address ends, so a
// full stop or closing bracket after it stays text); this module only decides which are links and
// writes the HTML, escaping every piece, so the text can never add markup of its own.
import { LinkifyIt, type Match } from 'linkify-it';

// fuzzyLink finds www.… without a scheme; ftp: and scheme-relative //… are not links on a council's page.
const finder = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true }).add('ftp:', null).add('//', null);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML: the five characters that could start markup or end an attribute are escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Only web pages and e-mail; a bare domain ("report.md") is too often a file name, so only www.… is taken without a scheme. */
function isLink(match: Match): boolean {
  if (!/^(https?:\/\/|mailto:)/i.test(match.url)) return false;
  return match.schema !== '' || /^www\./i.test(match.raw);
}

/**
 * Plain text as HTML with its web addresses (http://, https://, www.) and e-mail addresses as links.
 * The link's text is the address as typed; a site elsewhere gets rel="noreferrer" and opens in the
 * same tab. The class app-address-link tells the print styles that the address is already on the page.
 */
export function linkify(text: string | null | undefined): string {
  const value = text ?? '';
  const matches = finder.test(value) ? (finder.match(value) ?? []).filter(isLink) : [];
  let html = '';
  let at = 0;
  for (const m of matches) {
    html += escapeHtml(value.slice(at, m.index));
    const rel = m.url.toLowerCase().startsWith('mailto:') ? '' : ' rel="noreferrer"';
    html += `<a class="govuk-link app-address-link" href="${escapeHtml(m.url)}"${rel}>${escapeHtml(m.raw)}</a>`;
    at = m.lastIndex;
  }
  return html + escapeHtml(value.slice(at));
}
