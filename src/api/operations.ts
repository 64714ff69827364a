// Every JSON API operation is declared once: method, path, zod schemas, handler. The same
// declaration registers the Fastify route, validates input, and writes the OpenAPI document,
// so the published description cannot drift from what the server does.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../web/context.ts';
import type { Action } from '../access/permissions.ts';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../web/errors.ts';
import { problem, sendProblem, type Problem } from './problem.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OperationInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  ctx: RequestContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

// One list holds operations of every shape, so its parameters default to any; each is typed where it is declared.
// biome-ignore lint/suspicious/noExplicitAny: see above
export interface Operation<P = any, Q = any, B = any> {
  operationId: string;
  method: Method;
  /** OpenAPI-style path below /api/v1, e.g. '/partnerships/{id}'. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Who may call it (see accounts/permissions.ts), and for scoped actions the path parameter naming the partnership. */
  access: Action;
  scopeParam?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: { status: number; description: string; schema?: z.ZodType };
  /** Problems this operation may answer with besides 400/422 (e.g. 404, 409). */
  problems?: number[];
  handler(input: OperationInput<P, Q, B>): Promise<unknown>;
}

export function defineOperation<P = undefined, Q = undefined, B = undefined>(op: Operation<P, Q, B>): Operation<P, Q, B> {
  return op;
}

export const API_PREFIX = '/api/v1';

function pointerFor(path: PropertyKey[]): string {
  return `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function zodProblem(status: number, where: string, error: z.ZodError): Problem {
  return problem(
    status,
    `The ${where} is not valid: ${error.issues.map((i) => `${i.path.join('.') || where} ${i.message.charAt(0).toLowerCase()}${i.message.slice(1)}`).join('; ')}`,
    error.issues.map((i) => ({ pointer: pointerFor(i.path), detail: i.message })),
  );
}

/** Turns the domain's errors into problem documents; anything else is a real fault. */
export function problemForError(err: unknown): Problem | null {
  if (err instanceof ValidationError) {
    return problem(
      422,
      err.message,
      Object.entries(err.fieldErrors).map(([field, detail]) => ({
        pointer: `/${field}`,
        detail,
      })),
    );
  }
  if (err instanceof NotFoundError) return problem(404, err.message);
  if (err instanceof GoneError) return problem(410, err.message);
  if (err instanceof ConflictError) return problem(409, err.message);
  return null;
}

const fastifyPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

export function registerOperations(app: FastifyInstance, operations: Operation[]): void {
  for (const op of operations) {
    app.route({
      method: op.method,
      url: API_PREFIX + fastifyPath(op.path),
      config: { operationId: op.operationId, access: op.access, ...(op.scopeParam ? { scopeParam: op.scopeParam } : {}) },
      handler: async (request, reply) => {
        const parts = [
          ['params', op.params, request.params, 400, 'path'],
          ['query', op.query, request.query, 400, 'query'],
          ['body', op.body, request.body ?? {}, 422, 'request body'],
        ] as const;
        const input: Record<string, unknown> = {};
        for (const [key, schema, value, status, where] of parts) {
          if (!schema) continue;
          const parsed = schema.safeParse(value);
          if (!parsed.success) return sendProblem(reply, zodProblem(status, where, parsed.error));
          input[key] = parsed.data;
        }
        try {
          const result = await op.handler({
            params: input.params,
            query: input.query,
            body: input.body,
            ctx: request.ctx,
            request,
            reply,
          } as OperationInput<unknown, unknown, unknown>);
          if (reply.sent) return reply;
          reply.code(op.response.status);
          return op.response.status === 204 ? reply.send() : reply.send(result);
        } catch (err) {
          const p = problemForError(err);
          if (p) return sendProblem(reply, p);
          throw err;
        }
      },
    });
  }
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } },
    },
  },
};

/** The OpenAPI 3.1 document for the given operations. */
export function buildOpenApi(operations: Operation[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', op.params],
      ['query', op.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const responses: Record<string, unknown> = {
      [op.response.status]: {
        description: op.response.description,
        ...(op.response.schema ? { content: { 'application/json': { schema: jsonSchema(op.response.schema, 'output') } } } : {}),
      },
    };
    const problemStatuses = new Set([
      ...(op.params || op.query ? [400] : []),
      ...(op.body ? [422] : []),
      ...(op.problems ?? []),
      ...(op.access === 'public.view' ? [] : [401, 403]),
    ]);
    for (const status of problemStatuses) {
      responses[status] = {
        description: problem(status).title,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      // Anyone may call a public operation; a bearer token, when sent, shows staff what the public do not see.
      ...(op.access === 'public.view' ? { security: [{}, { bearer: [] }] } : { 'x-permission': op.access }),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      license: { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
      description:
        'Partnership Hub JSON API. Objects have stable ids and `created`/`modified` times; lists accept ' +
        '`modifiedSince` and then include tombstones (`deleted: true`) of deleted objects, following the OParl sync conventions.',
    },
    servers: [{ url: API_PREFIX }],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token, created on the Your account page or with `npm run cli -- token create <email>`',
        },
      },
    },
    security: [{ bearer: [] }],
  };
}
