import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, linkify } from '../../src/web/linkify.ts';
import { createViewEnvironment } from '../../src/web/views.ts';

const link = (href: string, text = href, rel = ' rel="noreferrer"') => `<a class="govuk-link app-address-link" href="${href}"${rel}>${text}</a>`;

test('an address in angle brackets followed by a full stop, as seed 004 prints the filming protocol', () => {
  const text = 'can be accessed via the following link or made available on request: <http://tinyurl.com/ccf-film-record>.';
  assert.equal(linkify(text), `can be accessed via the following link or made available on request: &lt;${link('http://tinyurl.com/ccf-film-record')}&gt;.`);
});

test('an https address with a query keeps its ampersand escaped in the link and its text', () => {
  assert.equal(linkify('See https://example.org/a?b=1&c=2.'), `See ${link('https://example.org/a?b=1&amp;c=2')}.`);
});

test('trailing punctuation and closing brackets stay outside the link', () => {
  assert.equal(linkify('(see https://www.gov.uk/bank-holidays.json);'), `(see ${link('https://www.gov.uk/bank-holidays.json')});`);
  assert.equal(linkify('Read https://x.org/a, then https://x.org/b!'), `Read ${link('https://x.org/a')}, then ${link('https://x.org/b')}!`);
  assert.equal(linkify('"https://x.org/a"'), `&quot;${link('https://x.org/a')}&quot;`);
});

test('brackets inside an address belong to it', () => {
  assert.equal(linkify('https://a.org/path_(x) here'), `${link('https://a.org/path_(x)')} here`);
});

test('www. without a scheme becomes an http link showing what was typed', () => {
  assert.equal(
    linkify('Resilient Together project - www.cpslmind.org.uk/what-we-do/resilient-together/'),
    `Resilient Together project - ${link('http://www.cpslmind.org.uk/what-we-do/resilient-together/', 'www.cpslmind.org.uk/what-we-do/resilient-together/')}`,
  );
});

test('e-mail addresses, as the seeds give the clerk, become mailto links without rel', () => {
  assert.equal(
    linkify('Clerk Email: rob.sanderson@cambridgeshire.gov.uk.'),
    `Clerk Email: ${link('mailto:rob.sanderson@cambridgeshire.gov.uk', 'rob.sanderson@cambridgeshire.gov.uk', '')}.`,
  );
  assert.equal(linkify('mailto:ceo@capalc.org.uk'), link('mailto:ceo@capalc.org.uk', 'mailto:ceo@capalc.org.uk', ''));
});

test('a bare domain, a file name, a version number and other schemes are left as text', () => {
  for (const text of ['cambridge.gov.uk/x', 'README.md and report.pdf', 'version 1.2.3', 'ftp://x.org/file', '//x.org/a', 'e.g. i.e. etc.', 'x@y']) {
    assert.equal(linkify(text), escapeHtml(text), text);
  }
});

test('markup in the text is escaped, and never reaches an attribute', () => {
  assert.equal(linkify('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(linkify('javascript:alert(1)'), 'javascript:alert(1)');
  assert.equal(linkify(`http://x.org/<img src=x onerror=alert(1)>`), `${link('http://x.org/')}&lt;img src=x onerror=alert(1)&gt;`);
  const quoted = linkify(`https://x.org/a"onmouseover="alert(1)`);
  assert.doesNotMatch(quoted, /href="[^"]*"onmouseover/);
  assert.match(quoted, /&quot;/);
});

test('nothing to link: the text escaped; empty or missing text is empty', () => {
  assert.equal(linkify('Tom & Jerry’s "café"'), 'Tom &amp; Jerry’s &quot;café&quot;');
  assert.equal(linkify(''), '');
  assert.equal(linkify(null), '');
  assert.equal(linkify(undefined), '');
});

test('line breaks are kept for the page to show (pre-line or nl2br)', () => {
  assert.equal(linkify('One https://x.org\nTwo'), `One ${link('https://x.org')}\nTwo`);
});

test('the Nunjucks filter: escaped text with links, safe from autoescaping, and nl2br after it adds real line breaks', () => {
  const env = createViewEnvironment();
  const html = env.renderString('{{ text | linkify | nl2br }}', { text: 'See https://x.org.\n<i>Not italic</i>' });
  assert.equal(html, `See ${link('https://x.org')}.<br />\n&lt;i&gt;Not italic&lt;/i&gt;`);
  assert.equal(env.renderString('{{ text | linkify }}', { text: null }), '');
});
