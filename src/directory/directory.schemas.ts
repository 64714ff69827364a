// What organisations and people may hold: shared by forms and the API.
import { z } from 'zod';
import { codesOf } from '../web/labels.ts';
import { code, optionalEmail, optionalId, optionalPhone, optionalText, optionalUrl, requiredText } from '../web/schema.ts';

export const organisationInput = z.object({
  name: requiredText("Enter the organisation's name", 'Name', 200),
  shortName: optionalText('Short name', 40),
  kind: code(codesOf('organisationKind'), 'Select the kind of organisation'),
  website: optionalUrl('Website'),
  email: optionalEmail('an email address'),
  phone: optionalPhone('a telephone number'),
});
export type OrganisationInput = z.infer<typeof organisationInput>;

export const personInput = z.object({
  name: requiredText("Enter the person's full name", 'Name', 200),
  honorificPrefix: optionalText('Title', 40),
  kind: code(codesOf('personKind'), 'Select whether the person is a councillor, an officer or a partner representative'),
  organisationId: optionalId('Select the organisation from the list'),
  post: optionalText('Post', 200),
  party: optionalText('Party', 100),
  electoralDivision: optionalText('Electoral division or ward', 200),
  portfolio: optionalText('Portfolio', 200),
  email: optionalEmail('an email address'),
  phone: optionalPhone('a telephone number'),
});
export type PersonInput = z.infer<typeof personInput>;
