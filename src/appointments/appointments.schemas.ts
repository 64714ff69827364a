// What outside bodies and appointments to them may hold: one set of zod schemas for the forms and
// the API, with messages that say what to do.
import { z } from 'zod';
import { alsoWithFieldErrors, code, id, isoDate, longText, optionalId, optionalIsoDate, optionalText, requiredText } from '../web/schema.ts';

/** The three kinds of body in seed 004's Appendix 3, in the order the council lists them. */
export const OUTSIDE_BODY_KINDS = {
  outside_body: 'Outside body',
  liaison_group: 'Partnership liaison or advisory group',
  internal_panel: 'Internal advisory group or panel',
} as const;
export type OutsideBodyKind = keyof typeof OUTSIDE_BODY_KINDS;
/** Plural headings for the lists grouped by kind. */
export const OUTSIDE_BODY_KIND_HEADINGS: Record<OutsideBodyKind, string> = {
  outside_body: 'Outside bodies',
  liaison_group: 'Partnership liaison and advisory groups',
  internal_panel: 'Internal advisory groups and panels',
};

export const APPOINTMENT_ROLES = {
  representative: 'Representative',
  substitute: 'Substitute',
  observer: 'Observer',
} as const;
export type AppointmentRole = keyof typeof APPOINTMENT_ROLES;

const codes = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [string, ...string[]];
export const outsideBodyKindCodes = codes(OUTSIDE_BODY_KINDS) as [OutsideBodyKind, ...OutsideBodyKind[]];
export const appointmentRoleCodes = codes(APPOINTMENT_ROLES) as [AppointmentRole, ...AppointmentRole[]];

/** A form's yes/no radios, or a JSON boolean. */
const yesNo = (message: string) =>
  z.union([z.boolean(), z.enum(['true', 'false', 'yes', 'no']).transform((v) => v === 'true' || v === 'yes')], { error: message });

export const outsideBodyInput = z.object({
  name: requiredText('Enter the name of the body', 'Name', 300),
  kind: code(outsideBodyKindCodes, 'Select whether it is an outside body, a partnership liaison or advisory group, or an internal advisory group or panel'),
  purpose: longText('Purpose', 5000),
  meetingsPerYear: optionalText('Meetings per year', 50),
  representatives: optionalText('Representatives appointed', 100),
  places: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? v.trim() : v),
    z.coerce
      .number({ error: 'Places must be a whole number, like 5' })
      .int('Places must be a whole number, like 5')
      .min(0, 'Places must be 0 or more')
      .max(100, 'Places must be 100 or fewer')
      .nullable(),
  ),
  observerStatus: yesNo('Select whether the council’s representatives have observer status only').default(false),
  contact: longText('Contact details', 2000),
  committeeId: optionalId('Select the committee from the list'),
  publicationState: code(['published', 'draft'], 'Select whether to show the body on the public site').default('published'),
});
export type OutsideBodyInput = z.infer<typeof outsideBodyInput>;

export const appointmentInput = z
  .object({
    personId: id('Select the councillor from the list'),
    role: code(appointmentRoleCodes, 'Select whether they are a representative, a substitute or an observer'),
    party: optionalText('Party', 100),
    startDate: optionalIsoDate('Start date'),
    endDate: optionalIsoDate('End date'),
    appointedBy: optionalText('Appointed by', 300),
    note: optionalText('Note', 1000),
  })
  .superRefine((a, ctx) => {
    // With alsoWithFieldErrors this runs even when a field failed: compare only real strings.
    if (typeof a.startDate === 'string' && typeof a.endDate === 'string' && a.endDate < a.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'End date must be the same as or after the start date' });
    }
  }, alsoWithFieldErrors);
export type AppointmentInput = z.infer<typeof appointmentInput>;

export const endAppointmentInput = z.object({ endDate: isoDate('End date') });
