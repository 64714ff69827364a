// The front door of the directory: organisations, people and areas.
import type { Capability } from '../capability.ts';
import { directoryOperations } from './directory.api.ts';
import { registerDirectoryPages } from './directory.routes.ts';

export const directory: Capability = { name: 'directory', routes: (app, { db }) => registerDirectoryPages(app, db), operations: directoryOperations };

export { getOrganisation, getPerson, insertPerson, listAreas, organisationChoices, peopleWithEmail, personChoices } from './directory.repository.ts';
export { areaChoicesFor } from './directory.service.ts';
