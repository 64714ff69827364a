// The front door of appointments to outside bodies (seed 004, Appendix 3).
import type { Capability } from '../capability.ts';
import { appointmentOperations } from './appointments.api.ts';
import { registerAppointmentPages, registerPublicAppointmentPages } from './appointments.routes.ts';

export const appointments: Capability = {
  name: 'appointments',
  routes: async (app, { db }) => {
    await registerAppointmentPages(app, db);
    await registerPublicAppointmentPages(app, db);
  },
  operations: appointmentOperations,
};

export { appointmentsOfPerson } from './appointments.repository.ts';
