// Errors the domain raises and the web and API layers turn into pages and problem documents.

/** A field-level validation failure: field name (as in the form or JSON body) → message. */
export type FieldErrors = Record<string, string>;

export class ValidationError extends Error {
  constructor(
    readonly fieldErrors: FieldErrors,
    message = 'The information given is not valid',
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  constructor(readonly what = 'record') {
    super(`The ${what} was not found`);
  }
}

/** Another person changed the record since it was read (optimistic concurrency). */
export class ConflictError extends Error {
  constructor(message = 'Someone else changed this record while you were editing it') {
    super(message);
  }
}

/** The record existed but has been deleted; its tombstone remains for sync. */
export class GoneError extends Error {
  constructor(readonly what = 'record') {
    super(`The ${what} has been deleted`);
  }
}
