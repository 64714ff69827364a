// What the finance pages share: the confirmation messages, £000 and percentages as printed, the year and
// period chosen in the query string, and select items for periods and lines.
import { flashFrom, type PageRequest, queryText } from '../web/page.ts';
import { formatPence } from '../web/format.ts';
import { describeChange, formatThousands, OUTTURN, parsePeriod, parseYear, penceToPounds, periodLabel, toThousands, yearLabel } from './rules.ts';

export const flashOf = flashFrom({
  month: 'Figures saved',
  commentary: 'Commentary saved',
  virement: 'Virement recorded',
  settings: 'Settings saved',
  report: 'Report created',
  published: 'Report published',
  version: 'A new version of the report is published',
  attached: 'Agenda item saved',
  imported: 'Ledger imported',
  importedValid: 'The ledger rows without problems have been imported; the rows with problems were skipped',
});

/** What an import page shows for a file with problems: the list, the error summary, and the confirmation's form. */
export function problemsView(
  result: { problems: readonly unknown[]; totalRows: number; validRows: number; token: string | null },
  confirmAction: string,
  confirmFields: Record<string, string>,
) {
  const n = result.problems.length;
  return {
    problems: result.problems,
    totalRows: result.totalRows,
    validRows: result.validRows,
    token: result.token,
    confirmAction,
    confirmFields,
    errorList: [{ text: `The file has ${n} problem${n === 1 ? '' : 's'}. Nothing has been imported`, href: '#problems' }],
  };
}

/** Helpers the templates call: £000 as the seed prints them, percentages, labels. */
export const printers = {
  k: (pence: number | null | undefined) => (pence === null || pence === undefined ? '' : formatThousands(toThousands(pence))),
  pct: (percent: number | null | undefined) => (percent === null || percent === undefined ? '–' : `${percent}%`),
  pounds: penceToPounds,
  /** An amount in a sentence, as people write it: £100,000 or £1,234.50. */
  poundsText: (pence: number) => formatPence(pence),
  /** A unit cost, to the penny: '£1,234.50', '-£12'; empty when there is none. */
  unitCost: (pence: number | null | undefined) => formatPence(pence),
  describe: describeChange,
  periodLabel,
  yearLabel,
};

/** The year and period asked for (?year=2017-18&period=11), falling back to the given ones. */
export function chosenYearPeriod(req: PageRequest, fallback: { year: number; period: number }) {
  return {
    year: parseYear(queryText(req, 'year')) ?? fallback.year,
    period: parsePeriod(queryText(req, 'period')) ?? fallback.period,
  };
}

export const periodItems = (year: number, selected: number) =>
  Array.from({ length: OUTTURN }, (_, k) => k + 1).map((p) => ({ value: String(p), text: periodLabel(year, p), selected: p === selected }));

export const yearItems = (years: readonly number[], selected: number) =>
  years.map((y) => ({ value: yearLabel(y), text: yearLabel(y), selected: y === selected }));
