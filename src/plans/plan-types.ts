// The shapes a delivery plan takes outside the database: the columns of seed 004's delivery plan
// tables, shared by the plan page, the Word and XLSX exports and the XLSX/CSV import.

/** Seed 004's delivery plan columns, in order, as printed. */
export const PLAN_COLUMNS = [
  { key: 'reference', heading: 'Ref.' },
  { key: 'description', heading: 'Action description' },
  { key: 'leadOfficer', heading: 'Lead officer' },
  { key: 'firstMilestone', heading: 'First milestone date' },
  { key: 'continuesUntil', heading: 'Action continues until' },
  { key: 'resources', heading: 'Resources required / engagement from partners (staff, tech, etc.)' },
  { key: 'keyRisks', heading: 'Key risks' },
  { key: 'outputs', heading: 'Outputs' },
  { key: 'decisionRoute', heading: 'Decision making route' },
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number]['key'];

/** One action as a row of the plan: every cell as the plan prints it ("April 2018", "Refreshed annually"). */
export type PlanRow = Record<PlanColumn, string>;

export interface PlanDocument {
  title: string;
  /** "Communities and Partnerships Committee", printed above the title. */
  owner: string;
  periodLabel: string;
  priorities: {
    number: number;
    title: string;
    outcomes: string[];
    actions: (PlanRow & { status: string; rag: string; percentComplete: number | null; dependsOn: string[] })[];
  }[];
}

/** A row read from an import: its priority (number and, on the first row of a priority, title) and its cells. */
export interface PlanImportRow extends PlanRow {
  priorityNumber: number;
  priorityTitle: string;
}
