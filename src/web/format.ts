// How numbers are written on pages: money and file sizes. Pure functions.

/** 800000 → '£8,000'; 2347050 → '£23,470.50'. Money is held in pence. */
export function formatPence(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const text = `£${pounds.toLocaleString('en-GB')}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
  return negative ? `-${text}` : text;
}

/** 250880 → '245 KB', as GOV.UK attachment links show sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
