// Checking API answers against what the OpenAPI document promises: shared by the API tests.
import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { API_OPERATIONS } from '../src/app.ts';
import { buildOpenApi, type Operation } from '../src/api/operations.ts';
import { json } from './helper.ts';

// The published OpenAPI document, read by a validator we did not write (Ajv, JSON Schema 2020-12, strict:
// additional properties are refused where the document says so), rather than by our own zod schemas.
const openApi = buildOpenApi(API_OPERATIONS, { title: 'Partnership Hub API', version: '1.0.0' }) as unknown as {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', components: openApi.components });
const validators = new Map<string, ValidateFunction>();

/** The documented answer of an operation for a status, or undefined when that status is not documented. */
export function documentedResponse(operationId: string, status: number) {
  for (const methods of Object.values(openApi.paths)) {
    for (const op of Object.values(methods)) if (op.operationId === operationId) return op.responses[String(status)];
  }
  throw new Error(`No operation ${operationId} in the OpenAPI document`);
}

/** Checks a body against the document's schema for this operation and status, strictly; returns the problems. */
export function validateAgainstOpenApi(operationId: string, status: number, contentType: string, body: unknown): string[] {
  const response = documentedResponse(operationId, status);
  if (!response) return [`${operationId}: status ${status} is not documented`];
  const media = contentType.split(';')[0]!.trim();
  const schema = response.content?.[media]?.schema;
  if (!response.content) return [];
  if (!schema) return [`${operationId}: ${status} answers ${media}, which is not documented`];
  const key = `${operationId} ${status} ${media}`;
  let validate = validators.get(key);
  if (!validate) {
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/');
    validate = ajv.compile(JSON.parse(text));
    validators.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `${operationId} ${status}: ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Checks the answer is the operation's documented status and matches the published document's schema for it. */
export function documentedBy(_operations: Operation[], res: LightMyRequestResponse, operationId: string) {
  const op = API_OPERATIONS.find((o) => o.operationId === operationId);
  assert.ok(op, operationId);
  assert.equal(res.statusCode, op.response.status, `${operationId}: ${res.body}`);
  if (!op.response.schema) return undefined;
  const body = json(res);
  const problems = validateAgainstOpenApi(operationId, res.statusCode, String(res.headers['content-type'] ?? 'application/json'), body);
  assert.deepEqual(problems, [], `${operationId} answered outside the published OpenAPI document`);
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

/** The OpenAPI document built from these operations, and its operation ids sorted, after checking each is under `tag`. */
export function documentUnderTag(operations: Operation[], tag: string) {
  const doc = buildOpenApi(operations, { title: 'test', version: '1' }) as {
    paths: Record<string, Record<string, { tags: string[]; operationId: string }>>;
  };
  const ids = Object.values(doc.paths)
    .flatMap((p) => Object.values(p))
    .map((o) => {
      assert.deepEqual(o.tags, [tag]);
      return o.operationId;
    })
    .sort();
  return { doc, ids };
}
