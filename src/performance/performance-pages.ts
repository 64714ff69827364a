// What the performance pages share: the message shown after a change, the labels of units, polarities,
// frequencies, RAG statuses and directions of travel, and radio and select items built from them.
import { flashFrom, type PageRequest } from '../web/page.ts';

export type Req = PageRequest;

const FLASH: Record<string, string> = {
  created: 'Indicator added',
  updated: 'Changes saved',
  value: 'Value saved',
  target: 'Target saved',
  published: 'Published',
  withdrawn: 'Withdrawn',
  exception: 'Exception report recorded',
  considered: 'Recorded as considered',
  imported: 'Values imported',
};
export const flashOf = flashFrom(FLASH);

export const UNIT_LABELS: Record<string, string> = {
  percentage: 'Percentage',
  rate_per_1000: 'Rate per 1,000',
  rate_per_10000: 'Rate per 10,000',
  rate_per_100000: 'Rate per 100,000',
  count: 'Count',
  money: 'Money (£)',
  days: 'Days',
  number: 'Number',
};
export const POLARITY_LABELS: Record<string, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  not_applicable: 'Not applicable',
};
export const FREQUENCY_LABELS: Record<string, string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' };
export const RAG_LABELS: Record<string, string> = {
  on_target: 'On target',
  within_tolerance: 'Within tolerance',
  off_target: 'Off target',
  no_target: 'No target',
};
export const RAG_TAGS: Record<string, string> = {
  on_target: 'govuk-tag--green',
  within_tolerance: 'govuk-tag--yellow',
  off_target: 'govuk-tag--red',
  no_target: 'govuk-tag--grey',
};
export const DIRECTION_LABELS: Record<string, string> = { improving: 'Improving', same: 'No change', worsening: 'Worsening', none: 'No previous period' };
export const items = (labels: Record<string, string>, selected: unknown) =>
  Object.entries(labels).map(([value, t]) => ({ value, text: t, checked: value === selected, selected: value === selected }));

/** Every label list, as the views read them. */
export const labels = {
  unitLabels: UNIT_LABELS,
  polarityLabels: POLARITY_LABELS,
  frequencyLabels: FREQUENCY_LABELS,
  ragLabels: RAG_LABELS,
  ragTags: RAG_TAGS,
  directionLabels: DIRECTION_LABELS,
};
