// RFC 9457 problem details for the JSON API.
import type { FastifyReply } from 'fastify';
import { ValidationError } from '../web/errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Field-level errors: where (a JSON pointer into the request) and what is wrong. */
  errors?: { pointer: string; detail: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

export function problem(status: number, detail?: string, errors?: Problem['errors']): Problem {
  return {
    type: status === 422 ? '/problems/validation' : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(p);
}

/**
 * Runs a command for the API: a message the service gives about the whole request (field `_`) becomes
 * the problem's detail rather than an error at a pointer; `pointersFor` may also name the fields it is about.
 */
export async function asProblem<T>(run: () => Promise<T>, pointersFor?: (message: string) => Record<string, string>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ValidationError && '_' in err.fieldErrors) {
      const { _: message, ...rest } = err.fieldErrors;
      throw new ValidationError({ ...rest, ...pointersFor?.(message ?? '') }, message);
    }
    throw err;
  }
}
