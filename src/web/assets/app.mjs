// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';
initAll();

// A long import's progress page: fetch the page again every two seconds and show its progress; once the
// import has ended (the page is no longer a progress page) go to what it shows. Without this, the page's
// "Check progress" button does the same by hand.
const progress = document.querySelector('[data-import-progress]');
if (progress) {
  const check = async () => {
    try {
      const res = await fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
      const next = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('[data-import-progress]');
      if (!res.ok || res.redirected || !next) return location.assign(res.url);
      progress.innerHTML = next.innerHTML;
    } catch {
      // A lost connection: try again at the next tick.
    }
    setTimeout(check, 2000);
  };
  setTimeout(check, 2000);
}
