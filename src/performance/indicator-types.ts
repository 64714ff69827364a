// The words of the performance capability, shared by its rules, storage, pages, imports and demo data.

export const UNITS = ['percentage', 'rate_per_1000', 'rate_per_10000', 'rate_per_100000', 'count', 'money', 'days', 'number'] as const;
export type Unit = (typeof UNITS)[number];

/** Which way is good. Not applicable: no RAG and no direction of travel judgement (only "up"/"down"). */
export const POLARITIES = ['higher_is_better', 'lower_is_better', 'not_applicable'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Live: values are collected and fall due. Retired: kept with its history, never due. */
export const INDICATOR_STATUSES = ['live', 'retired'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export const RAG_STATUSES = ['on_target', 'within_tolerance', 'off_target', 'no_target'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

export const DIRECTIONS = ['improving', 'same', 'worsening', 'none'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Amber tolerance when neither the indicator nor the site sets one: 10% of the target (seed 004 "Within 10%"). */
export const DEFAULT_TOLERANCE_PERCENT = 10;

/**
 * A period is identified by its first day and the indicator's frequency, on the financial year
 * (April to March): monthly '2018-03-01' is March 2018; quarterly '2017-10-01' is 2017/18 Q3;
 * annual '2017-04-01' is 2017/18.
 */
export interface Period {
  frequency: Frequency;
  start: string;
}
