// The page numbers a list shows under it, in the GOV.UK pagination pattern. Pure.

/** Page numbers to show: first, last, and two either side of the current, with gaps. */
function paginationItems(current: number, total: number): (number | null)[] {
  const wanted = new Set([1, total, current - 1, current, current + 1].filter((n) => n >= 1 && n <= total));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push(null);
    out.push(n);
  });
  return out;
}

/** The GOV.UK pagination component's settings for page `pageNo` of `pages`; null when there is one page. */
export function paginationOf(pageNo: number, pages: number, pageHref: (n: number) => string) {
  if (pages <= 1) return null;
  return {
    previous: pageNo > 1 ? { href: pageHref(pageNo - 1) } : undefined,
    next: pageNo < pages ? { href: pageHref(pageNo + 1) } : undefined,
    items: paginationItems(pageNo, pages).map((n) => (n === null ? { ellipsis: true } : { number: n, href: pageHref(n), current: n === pageNo })),
  };
}
