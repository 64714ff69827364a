// The form of each appendix, declared once: its fields (read, checked and shown from the same list) and
// how a checked form becomes the row to save. Amounts are typed in pounds (savings are negative, as the
// tracker prints them) and stored as pence. Every error of a form is reported at once.
import type { FieldErrors } from '../../web/errors.ts';
import { toArray } from '../../web/forms.ts';
import type { AppendixKey, FundingInput, GrantInput, ReserveInput, SchemeInput } from './appendices.repository.ts';
import { parsePounds, penceToPounds } from './rules.ts';
import type { SavingInput, SavingRow } from './savings.repository.ts';

export type FieldKind = 'text' | 'textarea' | 'pounds' | 'select' | 'radios' | 'checkboxes';
export interface Option {
  value: string;
  text: string;
}
export interface Field {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  hint?: string;
  /** Fixed choices; 'bodies' and 'organisations' are filled from the directory when the form is shown. */
  options?: Option[] | 'bodies' | 'organisations';
}

const MAX_TEXT = 500;
const MAX_LONG_TEXT = 10_000;

export const RAG_OPTIONS: Option[] = [
  { value: '', text: 'Not rated' },
  { value: 'green', text: 'Green' },
  { value: 'amber', text: 'Amber' },
  { value: 'red', text: 'Red' },
];
export const DIRECTION_OPTIONS: Option[] = [
  { value: '', text: 'Not given' },
  { value: 'improving', text: 'Improving (↑)' },
  { value: 'same', text: 'The same (↔)' },
  { value: 'worsening', text: 'Worsening (↓)' },
];
export const SAVING_KINDS: Option[] = [
  { value: 'bp_saving', text: 'Business plan saving' },
  { value: 'funnel', text: 'Funnel' },
];
export const GRANT_KINDS: Option[] = [
  { value: 'non_baselined', text: 'Not built into base budgets (non-baselined)' },
  { value: 'baselined', text: 'Baselined (for example the Dedicated Schools Grant)' },
];
export const RESERVE_KINDS: Option[] = [
  { value: 'revenue', text: 'Revenue reserve' },
  { value: 'capital', text: 'Capital reserve' },
];
const YES_NO: Option[] = [
  { value: 'no', text: 'No' },
  { value: 'yes', text: 'Yes' },
];

const quarterFields = (prefix: 'planned' | 'forecast', label: string): Field[] =>
  [1, 2, 3, 4].map((q) => ({ name: `${prefix}Q${q}`, label: `${label} Q${q} (£)`, kind: 'pounds', required: true }));

export const FIELDS: Record<AppendixKey, Field[]> = {
  grants: [
    { name: 'name', label: 'Grant', kind: 'text', required: true },
    { name: 'awardingBody', label: 'Awarding body', kind: 'text' },
    { name: 'kind', label: 'Kind of grant', kind: 'radios', options: GRANT_KINDS, required: true },
    { name: 'amount', label: 'Expected amount (£)', kind: 'pounds', required: true },
  ],
  reserves: [
    { name: 'name', label: 'Fund', kind: 'text', required: true },
    { name: 'kind', label: 'Kind of reserve', kind: 'radios', options: RESERVE_KINDS, required: true },
    { name: 'section', label: 'Section', kind: 'text', hint: 'As the schedule groups them, for example General Reserve or Other Earmarked Reserves' },
    { name: 'serviceGroup', label: 'Service', kind: 'text', hint: 'For example Adults & Safeguarding' },
    { name: 'opening', label: 'Balance at the start of the year (£)', kind: 'pounds', required: true },
    { name: 'movement', label: 'Movements in the year (£)', kind: 'pounds', required: true, hint: 'Negative for money drawn from the reserve' },
    { name: 'yearEnd', label: 'Forecast year-end balance (£)', kind: 'pounds', required: true },
    { name: 'notes', label: 'Notes', kind: 'textarea' },
  ],
  'capital-schemes': [
    { name: 'name', label: 'Scheme', kind: 'text', required: true },
    { name: 'original', label: 'Original budget as per the business plan (£)', kind: 'pounds', required: true },
    { name: 'revised', label: 'Revised budget for the year (£)', kind: 'pounds', required: true },
    { name: 'actual', label: 'Actual spend (£)', kind: 'pounds', required: true },
    { name: 'totalSchemeBudget', label: 'Total scheme revised budget (£)', kind: 'pounds', required: true },
    {
      name: 'totalSchemeForecast',
      label: 'Total scheme forecast cost (£)',
      kind: 'pounds',
      required: true,
      hint: 'The forecast variance is worked out from it',
    },
    { name: 'notes', label: 'Commentary', kind: 'textarea' },
  ],
  'capital-funding': [
    { name: 'source', label: 'Source of funding', kind: 'text', required: true },
    { name: 'original', label: 'Original funding allocation as per the business plan (£)', kind: 'pounds', required: true },
    { name: 'revised', label: 'Revised funding for the year (£)', kind: 'pounds', required: true },
    { name: 'outturn', label: 'Spend at outturn (£)', kind: 'pounds', required: true },
  ],
  savings: [
    { name: 'reference', label: 'Reference', kind: 'text', required: true, hint: 'For example A/R.6.101' },
    { name: 'title', label: 'Title', kind: 'text', required: true },
    { name: 'description', label: 'Description', kind: 'textarea' },
    { name: 'committee', label: 'Committee', kind: 'text', hint: 'As the tracker prints it, for example Adults, C&YP' },
    { name: 'bodyId', label: 'Committee in Partnership Hub', kind: 'select', options: 'bodies' },
    { name: 'workstream', label: 'Transformation workstream', kind: 'text' },
    { name: 'kind', label: 'Business plan saving or funnel?', kind: 'radios', options: SAVING_KINDS, required: true },
    { name: 'investment', label: 'Investment (£)', kind: 'pounds', required: true },
    ...quarterFields('planned', 'Original phasing'),
    ...quarterFields('forecast', 'Current forecast phasing'),
    { name: 'complete', label: 'Saving complete?', kind: 'radios', options: YES_NO, required: true },
    { name: 'rag', label: 'RAG', kind: 'select', options: RAG_OPTIONS },
    { name: 'direction', label: 'Direction of travel', kind: 'select', options: DIRECTION_OPTIONS },
    { name: 'commentary', label: 'Forecast commentary', kind: 'textarea' },
    { name: 'partnerLinks', label: 'Links with partner organisations', kind: 'textarea' },
    { name: 'organisationIds', label: 'Partner organisations', kind: 'checkboxes', options: 'organisations' },
  ],
};

export type FormValues = Record<string, string | string[]>;

/** Reads and checks the posted fields: the values as typed (to show again) and pence for the amounts. */
export function readFields(fields: Field[], body: Record<string, unknown>, choices: { bodies: Option[]; organisations: Option[] }) {
  const values: FormValues = {};
  const pence: Record<string, number> = {};
  const errors: FieldErrors = {};
  for (const f of fields) {
    if (f.kind === 'checkboxes') {
      const picked = toArray(body[f.name]);
      values[f.name] = picked;
      const allowed = new Set(optionsOf(f, choices).map((o) => o.value));
      if (picked.some((v) => !allowed.has(v))) errors[f.name] = `Choose ${f.label.toLowerCase()} from the list`;
      continue;
    }
    const raw = typeof body[f.name] === 'string' ? (body[f.name] as string).trim() : '';
    values[f.name] = raw;
    if (f.kind === 'pounds') {
      const parsed = parsePounds(raw, f.label.replace(/ \(£\)$/, ''));
      if (parsed.ok) pence[f.name] = parsed.pence;
      else errors[f.name] = parsed.error;
    } else if (f.kind === 'select' || f.kind === 'radios') {
      const allowed = optionsOf(f, choices).map((o) => o.value);
      if (raw === '' && f.required) errors[f.name] = `Select ${f.label.toLowerCase().replace(/\?$/, '')}`;
      else if (raw !== '' && !allowed.includes(raw)) errors[f.name] = `Choose ${f.label.toLowerCase().replace(/\?$/, '')} from the list`;
    } else {
      const max = f.kind === 'textarea' ? MAX_LONG_TEXT : MAX_TEXT;
      if (raw === '' && f.required) errors[f.name] = `Enter ${f.label.charAt(0).toLowerCase()}${f.label.slice(1)}`;
      else if (raw.length > max) errors[f.name] = `${f.label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
    }
  }
  return { values, pence, errors };
}

export function optionsOf(f: Field, choices: { bodies: Option[]; organisations: Option[] }): Option[] {
  if (f.options === 'bodies') return [{ value: '', text: 'None of these' }, ...choices.bodies];
  if (f.options === 'organisations') return choices.organisations;
  return f.options ?? [];
}

type Read = ReturnType<typeof readFields>;
const str = (v: Read['values'][string] | undefined) => (typeof v === 'string' ? v : '');
const q = (p: Read['pence'], prefix: string): [number, number, number, number] => [p[`${prefix}Q1`]!, p[`${prefix}Q2`]!, p[`${prefix}Q3`]!, p[`${prefix}Q4`]!];

/** The row to save from a form without errors. */
export const INPUTS = {
  grants: ({ values: v, pence: p }: Read): GrantInput => ({
    kind: str(v.kind) as GrantInput['kind'],
    name: str(v.name),
    awardingBody: str(v.awardingBody),
    amountPence: p.amount!,
  }),
  reserves: ({ values: v, pence: p }: Read): ReserveInput => ({
    kind: str(v.kind) as ReserveInput['kind'],
    section: str(v.section),
    serviceGroup: str(v.serviceGroup),
    name: str(v.name),
    openingPence: p.opening!,
    movementPence: p.movement!,
    yearEndPence: p.yearEnd!,
    notes: str(v.notes),
  }),
  'capital-schemes': ({ values: v, pence: p }: Read): SchemeInput => ({
    name: str(v.name),
    originalBudgetPence: p.original!,
    revisedBudgetPence: p.revised!,
    actualPence: p.actual!,
    totalSchemeBudgetPence: p.totalSchemeBudget!,
    totalSchemeForecastPence: p.totalSchemeForecast!,
    notes: str(v.notes),
  }),
  'capital-funding': ({ values: v, pence: p }: Read): FundingInput => ({
    source: str(v.source),
    originalPence: p.original!,
    revisedPence: p.revised!,
    outturnPence: p.outturn!,
  }),
  savings: ({ values: v, pence: p }: Read): SavingInput => ({
    reference: str(v.reference),
    title: str(v.title),
    description: str(v.description),
    committee: str(v.committee),
    bodyId: str(v.bodyId) || null,
    workstream: str(v.workstream),
    kind: str(v.kind) as SavingInput['kind'],
    investmentPence: p.investment!,
    plannedPence: q(p, 'planned'),
    forecastPence: q(p, 'forecast'),
    complete: str(v.complete) === 'yes',
    rag: (str(v.rag) || null) as SavingInput['rag'],
    direction: (str(v.direction) || null) as SavingInput['direction'],
    commentary: str(v.commentary),
    partnerLinks: str(v.partnerLinks),
  }),
} satisfies Record<AppendixKey, (r: Read) => unknown>;

/** A saved row as the form shows it (amounts in pounds). */
export function valuesOfSaving(s: SavingRow, organisationIds: string[]): FormValues {
  const quarters = (prefix: string, pence: number[]) => Object.fromEntries(pence.map((p, k) => [`${prefix}Q${k + 1}`, penceToPounds(p)]));
  return {
    reference: s.reference,
    title: s.title,
    description: s.description,
    committee: s.committee,
    bodyId: s.bodyId ?? '',
    workstream: s.workstream,
    kind: s.kind,
    investment: penceToPounds(s.investmentPence),
    ...quarters('planned', s.plannedPence),
    ...quarters('forecast', s.forecastPence),
    complete: s.complete ? 'yes' : 'no',
    rag: s.rag ?? '',
    direction: s.direction ?? '',
    commentary: s.commentary,
    partnerLinks: s.partnerLinks,
    organisationIds,
  };
}

/** A saved row of the other appendices as its form shows it: text as it is, pence in pounds. */
export function valuesOfRow(row: object, amounts: Record<string, string>): FormValues {
  const r = row as Record<string, unknown>;
  const values: FormValues = {};
  for (const [k, v] of Object.entries(r)) if (typeof v === 'string') values[k] = v;
  for (const [field, column] of Object.entries(amounts)) values[field] = penceToPounds(Number(r[column]));
  return values;
}

/** Which column of each appendix's row holds the pence of each amount field. */
export const AMOUNT_COLUMNS: Record<Exclude<AppendixKey, 'savings'>, Record<string, string>> = {
  grants: { amount: 'amountPence' },
  reserves: { opening: 'openingPence', movement: 'movementPence', yearEnd: 'yearEndPence' },
  'capital-schemes': {
    original: 'originalBudgetPence',
    revised: 'revisedBudgetPence',
    actual: 'actualPence',
    totalSchemeBudget: 'totalSchemeBudgetPence',
    totalSchemeForecast: 'totalSchemeForecastPence',
  },
  'capital-funding': { original: 'originalPence', revised: 'revisedPence', outturn: 'outturnPence' },
};
