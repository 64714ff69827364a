// The front door of accountability reports: so far the council's Principles of Partnership Working
// (versioned) and each partnership's health check against them per year (issue 16).
import type { Capability } from '../capability.ts';
import { registerHealthCheckPages } from './health.routes.ts';

export const reports: Capability = { name: 'reports', routes: (app, { db }) => registerHealthCheckPages(app, db) };
