// Checking API answers against what the OpenAPI document promises: shared by the API tests.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Operation } from '../src/api/operations.ts';
import { json } from './helper.ts';

/** Checks the answer is the operation's documented status and matches its documented response schema. */
export function documentedBy(operations: Operation[], res: LightMyRequestResponse, operationId: string) {
  const op = operations.find((o) => o.operationId === operationId);
  assert.ok(op, operationId);
  assert.equal(res.statusCode, op.response.status, `${operationId}: ${res.body}`);
  if (!op.response.schema) return undefined;
  const body = json(res);
  const parsed = op.response.schema.safeParse(body);
  assert.ok(parsed.success, `${operationId} answered outside its response schema: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))}`);
  return body;
}

/** An RFC 9457 problem with the given status. */
export function problemOf(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  const p = json(res);
  assert.equal(p.status, status);
  return p as { detail?: string; errors?: { pointer: string; detail: string }[] };
}

export const pointers = (p: { errors?: { pointer: string }[] }) => (p.errors ?? []).map((e) => e.pointer).sort();
export const errorAt = (p: { errors?: { pointer: string; detail: string }[] }, pointer: string) => p.errors?.find((e) => e.pointer === pointer)?.detail ?? '';
