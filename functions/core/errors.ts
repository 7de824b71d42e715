/** Domain errors. Each maps to one HTTP status in `httpStatusOf`; anything else is a 500. */

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ValidationError extends Error {
  /**
   * @param wording the catalogue message (and its values) that says this to the person who
   * answered, in their language; `message` is the English text.
   */
  constructor(
    message: string,
    readonly wording?: { key: string; values: Record<string, number> } | undefined,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** A link whose token is unknown, tampered with or expired. */
export class InvalidLinkError extends Error {
  constructor(
    message: string,
    readonly reason: 'unknown' | 'tampered' | 'expired' | 'superseded' = 'unknown',
  ) {
    super(message);
    this.name = 'InvalidLinkError';
  }
}

export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class MethodNotAllowedError extends Error {
  constructor(readonly allowed: string[]) {
    super(`Method not allowed; use ${allowed.join(' or ')}`);
    this.name = 'MethodNotAllowedError';
  }
}

export class PayloadTooLargeError extends Error {
  constructor(message = 'Request body too large') {
    super(message);
    this.name = 'PayloadTooLargeError';
  }
}

const STATUS: Record<string, number> = {
  NotFoundError: 404,
  AccountNotFoundError: 404,
  ValidationError: 400,
  InvalidLinkError: 410,
  ForbiddenError: 403,
  MethodNotAllowedError: 405,
  PayloadTooLargeError: 413,
  ConcurrentUpdateError: 409,
};

/** The HTTP status for an error; 500 for anything that is not a known domain error. */
export function httpStatusOf(error: unknown): number {
  return (error instanceof Error && STATUS[error.name]) || 500;
}
