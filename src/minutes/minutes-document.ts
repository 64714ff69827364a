// The minutes of a meeting as a document, in the shape of seed 004's minutes: heading, date and
// time, attendance (with substitutions), apologies, then numbered minutes, each with its
// discussion and its lettered resolutions and how each was decided. Built from the database by the
// minutes service; rendered to Word and PDF by ./documents.

export interface MinutesDocument {
  council: string;
  bodyName: string;
  meetingDate: string; // ISO
  startTime: string | null; // 'HH:MM'
  endTime: string | null;
  venue: string;
  state: 'draft' | 'published' | 'approved';
  /** e.g. 'Agreed as a correct record at the meeting of 31 May 2018 and signed by the Chairman' */
  approvalNote: string | null;
  /** "Councillors: A Smith (substituting for Cllr Tierney), A Costello, S Criswell (Chairman) ..." */
  present: string[];
  apologies: string[];
  absent: string[];
  officers: string[];
  others: string[];
  minutes: MinuteEntry[];
}

export interface MinuteEntry {
  number: number;
  title: string;
  withdrawn: boolean;
  /** Plain text: paragraphs separated by blank lines; a line starting "- " is a bullet. */
  discussion: string;
  declarations: string[]; // "Councillor Every declared a non-registerable interest as a member of ..."
  resolutions: { letter: string; text: string; decision: string }[]; // decision e.g. 'unanimously', 'by a majority (7 votes in favour, 0 against, 1 abstention)'
  /** "It was resolved unanimously to:" / "It was resolved by a majority to:" / "It was resolved to note:"; empty when no resolutions. */
  resolvedPreamble: string;
  amendments: { agreedOn: string; text: string }[];
}

/** One row of the minutes action log (seed 004: Minute No., Report Title, Action to be taken by, Action, Comments, Status). */
export interface ActionLogRow {
  minuteNumber: number | null;
  reportTitle: string;
  owner: string;
  action: string;
  comments: string;
  status: 'ONGOING' | 'COMPLETED' | 'OVERDUE';
  dueDate: string | null;
}

export interface ActionLogDocument {
  council: string;
  bodyName: string;
  asAt: string; // ISO date of the log
  /** Grouped by the meeting the actions arose at, newest first: "ACTIONS FROM MINUTES OF THE 17th APRIL COMMITTEE". */
  groups: { meetingDate: string; rows: ActionLogRow[] }[];
}
