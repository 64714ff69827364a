// Exempt information: Local Government Act 1972, Schedule 12A, Part 1. An exempt item or
// document is never shown to the public, whatever its state; the public see which paragraph applies.

export const EXEMPT_PARAGRAPHS: Record<number, string> = {
  1: 'Information relating to any individual',
  2: 'Information which is likely to reveal the identity of an individual',
  3: 'Information relating to the financial or business affairs of any particular person (including the authority holding that information)',
  4: 'Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority',
  5: 'Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings',
  6: 'Information which reveals that the authority proposes to give under any enactment a notice by virtue of which requirements are imposed on a person, or to make an order or direction under any enactment',
  7: 'Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime',
};

/** The public notice for an exempt item, as printed on agendas. */
export function exemptNotice(paragraph: number): string {
  return `Not for publication by virtue of paragraph ${paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972: ${EXEMPT_PARAGRAPHS[paragraph]?.toLowerCase() ?? ''}`;
}

/** What the public may know of an exempt document: that it exists, its kind, and the paragraph. */
export function maskExempt<
  T extends {
    exemptParagraph: number | null;
    title: string;
    url: string | null;
    note: string | null;
    fileId: string | null;
    filename: string | null;
    contentType: string | null;
    sizeBytes: number | null;
  },
>(doc: T): T {
  if (!doc.exemptParagraph) return doc;
  return {
    ...doc,
    title: 'Exempt information',
    url: null,
    note: exemptNotice(doc.exemptParagraph),
    fileId: null,
    filename: null,
    contentType: null,
    sizeBytes: null,
  };
}
