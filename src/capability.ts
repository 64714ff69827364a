// What a capability hands the composition root (src/app.ts) through its front door (index.ts):
// its routes as a Fastify plugin, its JSON API operations, and any hourly work such as reminders.
import type { FastifyInstance } from 'fastify';
import type { Operation } from './api/operations.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { JobHandler } from './db/job-worker.ts';

export interface CapabilityOptions {
  db: Database;
  config: Config;
  tenantId: string;
}

export interface Capability {
  readonly name: string;
  /** Its staff pages, public pages and downloads. */
  readonly routes: (app: FastifyInstance, options: CapabilityOptions) => Promise<void>;
  /** Its operations in the JSON API (and so in the OpenAPI document). */
  readonly operations?: readonly Operation[];
  /** Work done every hour, such as e-mail reminders; the public address is for links in e-mails. */
  readonly hourly?: (db: Database, tenantId: string, publicUrl: string) => Promise<unknown>;
  /** Its background jobs by kind (db/jobs.ts), such as rebuilding an agenda pack when a paper changes. */
  readonly jobs?: (options: CapabilityOptions) => Record<string, JobHandler>;
}
