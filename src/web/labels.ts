// Human labels for stored codes, in one place so pages, exports and the API agree.

export const LABELS: Record<string, Record<string, string>> = {
  partnershipKind: {
    statutory_board: 'Statutory board',
    non_statutory_partnership: 'Non-statutory partnership',
    company_limited_by_guarantee: 'Company limited by guarantee',
    joint_committee: 'Joint committee',
    task_and_finish_group: 'Task and finish group',
    forum: 'Forum',
    sub_group: 'Sub-group',
  },
  subgroupType: {
    sector: 'Sector sub-group',
    thematic: 'Thematic sub-group',
    geographic: 'Geographic sub-group',
    officer_group: 'Officer group',
    task_and_finish: 'Task and finish group',
    other: 'Other sub-group',
  },
  status: {
    active: 'Active',
    not_yet_established: 'Not yet established',
    decommissioned: 'Decommissioned',
    wound_up: 'Wound up',
    merged: 'Merged',
    replaced: 'Replaced',
  },
  eventKind: {
    established: 'Established',
    renamed: 'Renamed',
    restructured: 'Restructured',
    merged_into: 'Merged into',
    replaced_by: 'Replaced by',
    decommissioned: 'Decommissioned',
    wound_up: 'Wound up',
  },
  role: {
    chair: 'Chair',
    vice_chair: 'Vice-chair',
    member: 'Member',
    council_representative: 'Council representative',
    lead_officer: 'Lead officer',
    officer_contact: 'Officer contact',
    member_contact: 'Member contact',
    observer: 'Observer',
    substitute: 'Substitute',
  },
  organisationKind: {
    county_council: 'County council',
    district_council: 'District council',
    unitary_council: 'Unitary council',
    nhs: 'NHS body',
    police: 'Police',
    fire: 'Fire and rescue',
    business: 'Business',
    voluntary: 'Voluntary and community sector',
    education: 'Education',
    government: 'Government',
    partnership_body: 'Partnership body',
    other: 'Other',
  },
  personKind: {
    councillor: 'Councillor',
    officer: 'Officer',
    partner_representative: 'Partner representative',
  },
  areaKind: { county: 'County', district: 'District', unitary: 'Unitary', other: 'Other' },
  datePrecision: { day: 'Exact day', month: 'Month only', year: 'Year only' },
  documentKind: {
    terms_of_reference: 'Terms of reference',
    agreement: 'Agreement or constitution',
    report: 'Report',
    minutes: 'Minutes',
    other: 'Other document',
  },
  auditAction: { insert: 'Added', update: 'Changed', delete: 'Deleted', restore: 'Restored' },
  bodyKind: {
    committee: 'Committee',
    board: 'Board',
    sub_group: 'Sub-group',
    task_and_finish_group: 'Task and finish group',
  },
  bodyRole: {
    chair: 'Chair',
    vice_chair: 'Vice-chair',
    member: 'Member',
    substitute: 'Substitute',
    observer: 'Observer',
    co_opted: 'Co-opted member',
  },
  meetingKind: { formal: 'Formal meeting', reserve: 'Reserve date', workshop: 'Workshop' },
  meetingStatus: { scheduled: 'Scheduled', cancelled: 'Cancelled', held: 'Held' },
  itemPurpose: {
    decision: 'For decision',
    information: 'For information',
    oral_update: 'Oral update',
    standing: 'Standing item',
    discussion: 'For discussion',
  },
  reportStatus: { draft: 'Draft', published: 'Published' },
  clearanceStatus: { pending: 'Not yet cleared', cleared: 'Cleared by a named officer', not_applicable: 'Not applicable' },
  attendanceCategory: {
    present: 'Present',
    substitute: 'Substitute',
    apologies: 'Apologies',
    absent: 'Absent',
    officer: 'Officer in attendance',
    other: 'Also in attendance',
  },
  declarationKind: {
    disclosable_pecuniary: 'Disclosable pecuniary interest',
    other_registerable: 'Other registerable interest',
    non_registerable: 'Non-registerable interest',
    other: 'Other interest',
  },
  outcome: { unanimous: 'Unanimously', majority: 'By a majority', noted: 'Noted', lost: 'Lost' },
  minutesState: { none: 'Not started', draft: 'Draft', published: 'Draft, published', approved: 'Approved and signed' },
  entityType: {
    partnerships: 'partnership',
    lifecycle_events: 'timeline event',
    memberships: 'membership',
    contributions: 'contribution',
    source_documents: 'source document',
    reporting_lines: 'reporting line',
    files: 'file',
    organisations: 'organisation',
    people: 'person',
    areas: 'area',
    bodies: 'committee or board',
    body_members: 'committee membership',
    body_roles: 'named role',
    meetings: 'meeting',
    agenda_items: 'agenda item',
    agenda_item_moves: 'agenda item move',
    reports: 'report',
    agenda_packs: 'agenda pack',
    bank_holiday_uploads: 'bank holiday list',
    attendance: 'attendance record',
    declarations: 'declaration of interest',
    minutes: 'minute',
    resolutions: 'resolution',
    minute_amendments: 'amendment to minutes',
    actions: 'action',
    action_reminders: 'action reminder',
    outside_bodies: 'outside body',
    outside_body_appointments: 'appointment to an outside body',
  },
};

export function labelFor(kind: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return LABELS[kind]?.[value] ?? value;
}

/** The codes of a label set, for zod enums and select/radio items. */
export function codesOf<K extends keyof typeof LABELS>(kind: K): [string, ...string[]] {
  return Object.keys(LABELS[kind]!) as [string, ...string[]];
}

/** Items for govukSelect / govukRadios, with the current value selected. */
export function optionsFor(kind: string, selected?: string | null, { blank }: { blank?: string } = {}) {
  const items = Object.entries(LABELS[kind] ?? {}).map(([value, text]) => ({
    value,
    text,
    selected: value === selected,
    checked: value === selected,
  }));
  return blank !== undefined ? [{ value: '', text: blank, selected: !selected }, ...items] : items;
}
