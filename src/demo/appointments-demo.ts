// The demo appointments: Appendix 3 to item 10 of seed 004 (Communities and Partnership Committee,
// 31 May 2018), the outside bodies, partnership liaison and advisory groups and internal panels in the
// Committee's remit with their current representatives. See demo/appointments-notes.md.
// Loaded after the meetings demo, whose people and committee it refers to by key.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import * as repo from '../appointments/appointments.repository.ts';
import type { AppointmentRole, OutsideBodyKind } from '../appointments/appointments.schemas.ts';
import { insertDemoPeople, keyResolver, type DemoPerson } from './demo-support.ts';
import { demoDataFile } from './data-files.ts';

const DEMO_FILE = demoDataFile('appointments.json');

export interface DemoAppointments {
  people: DemoPerson[];
  outsideBodies: {
    key: string;
    name: string;
    kind: OutsideBodyKind;
    purpose: string;
    meetingsPerYear: string | null;
    representatives: string | null;
    places: number | null;
    observerStatus: boolean;
    contact: string;
    committeeKey: string | null;
    appointments: {
      personKey: string;
      role: AppointmentRole;
      party: string | null;
      startDate: string | null;
      endDate: string | null;
      appointedBy: string | null;
      note: string | null;
    }[];
  }[];
}

export async function readDemoAppointments(): Promise<DemoAppointments> {
  return JSON.parse(await readFile(DEMO_FILE, 'utf8')) as DemoAppointments;
}

/** Loads the demo outside bodies and appointments; `ids` maps demo keys to database ids and gains the new people and bodies. */
export async function loadDemoAppointments(tx: Queryable, tenantId: string, ids: Map<string, string>) {
  const data = await readDemoAppointments();
  const { ref } = keyResolver(ids, 'Demo appointments refer');
  await insertDemoPeople(tx, tenantId, data.people, ids, ref);
  let appointments = 0;
  for (const b of data.outsideBodies) {
    const id = await repo.insertOutsideBody(tx, tenantId, {
      name: b.name,
      kind: b.kind,
      purpose: b.purpose,
      meetingsPerYear: b.meetingsPerYear,
      representatives: b.representatives,
      places: b.places,
      observerStatus: b.observerStatus,
      contact: b.contact,
      committeeId: ref(b.committeeKey),
      publicationState: 'published',
    });
    ids.set(b.key, id);
    for (const a of b.appointments) {
      await repo.insertAppointment(tx, tenantId, id, {
        personId: ref(a.personKey)!,
        role: a.role,
        party: a.party,
        startDate: a.startDate,
        endDate: a.endDate,
        appointedBy: a.appointedBy,
        note: a.note,
      });
      appointments += 1;
    }
  }
  return { people: data.people.length, outsideBodies: data.outsideBodies.length, appointments };
}
