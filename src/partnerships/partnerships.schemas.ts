// What a partnership and its parts may hold: one set of schemas for forms and the API.
import { z } from 'zod';
import { codesOf } from '../web/labels.ts';
import { EVENT_KINDS } from './lifecycle.ts';
import { alsoWithFieldErrors, code, id, isoDate, optionalId, optionalIsoDate, optionalText, optionalUrl, requiredText } from '../web/schema.ts';

export const partnershipInput = z
  .object({
    name: requiredText("Enter the partnership's name", 'Name', 200),
    shortName: optionalText('Short name', 40),
    kind: code(codesOf('partnershipKind'), 'Select the kind of partnership'),
    subgroupType: z
      .union([code(codesOf('subgroupType'), 'Select the kind of sub-group'), z.literal(''), z.null()])
      .optional()
      .transform((v) => (v ? v : null)),
    purpose: requiredText('Enter the purpose of the partnership', 'Purpose', 4000),
    mission: optionalText('Mission', 4000),
    responsibilities: z
      .array(z.string().trim().min(1).max(500, 'Each responsibility must be 500 characters or fewer'))
      .max(100, 'List 100 responsibilities or fewer')
      .default([]),
    termsOfReference: optionalText('Terms of reference', 20000),
    termsOfReferenceUrl: optionalUrl('Terms of reference link'),
    areaIds: z.array(id('Select areas from the list')).max(100).default([]),
    parentId: optionalId('Select the board it reports to from the list'),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'sub_group' && !v.subgroupType) {
      ctx.addIssue({ code: 'custom', path: ['subgroupType'], message: 'Select the kind of sub-group' });
    }
    if (v.kind === 'sub_group' && !v.parentId) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'Select the board this sub-group reports to' });
    }
  }, alsoWithFieldErrors);
export type PartnershipInput = z.infer<typeof partnershipInput>;

export const eventInput = z
  .object({
    kind: z.enum(EVENT_KINDS, { error: 'Select what happened' }),
    eventDate: isoDate('Date of the event'),
    datePrecision: code(['day', 'month', 'year'], 'Select how exact the date is').default('day'),
    relatedPartnershipId: optionalId('Select the partnership from the list'),
    previousName: optionalText('Previous name', 200),
    description: optionalText('Description', 4000).transform((v) => v ?? ''),
    source: optionalText('Source', 500),
  })
  .superRefine((v, ctx) => {
    if ((v.kind === 'merged_into' || v.kind === 'replaced_by') && !v.relatedPartnershipId) {
      ctx.addIssue({
        code: 'custom',
        path: ['relatedPartnershipId'],
        message: v.kind === 'merged_into' ? 'Select the partnership it merged into' : 'Select the partnership that replaced it',
      });
    }
    if (v.kind === 'renamed' && !v.previousName) {
      ctx.addIssue({ code: 'custom', path: ['previousName'], message: 'Enter the name it had before' });
    }
  }, alsoWithFieldErrors);
export type EventInput = z.infer<typeof eventInput>;

export const membershipInput = z
  .object({
    personId: optionalId('Select the person from the list'),
    organisationId: optionalId('Select the organisation from the list'),
    role: code(codesOf('role'), 'Select the role'),
    onBehalfOfId: optionalId('Select the organisation from the list'),
    remit: optionalText('Remit', 1000),
    startDate: optionalIsoDate('Start date'),
    endDate: optionalIsoDate('End date'),
  })
  .superRefine((v, ctx) => {
    // Popolo: the member is a person or an organisation, never both.
    if (!v.personId && !v.organisationId) {
      ctx.addIssue({ code: 'custom', path: ['personId'], message: 'Select a person, or an organisation that is a member' });
    }
    if (v.personId && v.organisationId) {
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Select a person or an organisation, not both' });
    }
    if (typeof v.startDate === 'string' && typeof v.endDate === 'string' && v.endDate < v.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'End date must be the same as or after the start date' });
    }
  }, alsoWithFieldErrors);
export type MembershipInput = z.infer<typeof membershipInput>;

export const contributionInput = z
  .object({
    organisationId: id('Select the organisation that contributes'),
    financialYear: z.coerce
      .number({ error: 'Enter the financial year, like 2011 for 2011/12' })
      .int('Enter the financial year, like 2011 for 2011/12')
      .min(1990, 'Financial year must be 1990/91 or later')
      .max(2100, 'Financial year must be 2100/01 or earlier'),
    amountPence: z
      .number({ error: 'Enter the amount in pence, as a whole number' })
      .int('Enter the amount in pence, as a whole number')
      .min(0, 'Amount must be £0 or more')
      .max(10_000_000_000_00, 'Amount must be less than £10,000,000,000'),
    note: optionalText('Note', 1000),
    status: code(['proposed', 'agreed', 'paid'], 'Select whether the contribution is proposed, agreed or paid').default('agreed'),
    agreedOn: optionalIsoDate('Date agreed'),
    paidOn: optionalIsoDate('Date paid'),
    kind: code(['cash', 'in_kind'], 'Select cash or in kind').default('cash'),
    inKindDescription: optionalText('What is given in kind', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'in_kind' && !v.inKindDescription) {
      ctx.addIssue({ code: 'custom', path: ['inKindDescription'], message: 'Describe what is given in kind, such as staff time or a building' });
    }
    if (v.status === 'paid' && !v.paidOn) ctx.addIssue({ code: 'custom', path: ['paidOn'], message: 'Enter the date it was paid' });
    if (v.status !== 'paid' && v.paidOn) ctx.addIssue({ code: 'custom', path: ['paidOn'], message: 'Only a paid contribution has a date paid' });
    if (typeof v.agreedOn === 'string' && typeof v.paidOn === 'string' && v.paidOn < v.agreedOn) {
      ctx.addIssue({ code: 'custom', path: ['paidOn'], message: 'Date paid must be the same as or after the date agreed' });
    }
  }, alsoWithFieldErrors);
export type ContributionInput = z.infer<typeof contributionInput>;

export const documentInput = z.object({
  title: requiredText('Enter the title of the document', 'Title', 300),
  kind: code(codesOf('documentKind'), 'Select what kind of document it is').default('other'),
  exemptParagraph: z
    .union([z.coerce.number().int().min(1).max(7), z.literal(''), z.null()], { error: 'Select a paragraph of Schedule 12A from the list' })
    .optional()
    .transform((v) => (typeof v === 'number' ? v : null)),
  url: optionalUrl('Link'),
  documentDate: optionalIsoDate('Date of the document'),
  note: optionalText('Note', 1000),
});
export type DocumentInput = z.infer<typeof documentInput>;
