import { type ErrorCode, errorMessages, type Locale, messageFor } from '@relance/contracts/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** The one error type services throw. `code` is stable and translated in contracts/errors. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;
  constructor(code: ErrorCode, statusCode: number, details?: unknown) {
    super(code);
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, status: number, details?: unknown) {
  return reply.code(status).send({ code, message: messageFor(code, localeOf(request)), details });
}

/**
 * PostgreSQL errors that mean the caller sent something the database cannot hold (SQLSTATE,
 * https://www.postgresql.org/docs/current/errcodes-appendix.html). A schema or a service should
 * have refused the input first: this is the safety net, so the caller gets a 4xx it can act on,
 * and the error is still logged at error level so the missing check gets fixed.
 */
const callerFaultSqlStates: Record<string, { code: ErrorCode; status: number }> = {
  '22P02': { code: 'invalid_value', status: 400 }, // invalid_text_representation ('abc'::uuid)
  '22007': { code: 'invalid_value', status: 400 }, // invalid_datetime_format
  '22001': { code: 'invalid_value', status: 400 }, // string_data_right_truncation (varchar(n))
  '22021': { code: 'invalid_value', status: 400 }, // character_not_in_repertoire (bad UTF-8, NUL)
  '22P05': { code: 'invalid_value', status: 400 }, // untranslatable_character (\u0000 in jsonb)
  '54000': { code: 'invalid_value', status: 400 }, // program_limit_exceeded (an index row too large: a huge text)
  '22003': { code: 'value_out_of_range', status: 400 }, // numeric_value_out_of_range
  '22008': { code: 'value_out_of_range', status: 400 }, // datetime_field_overflow
  '23514': { code: 'value_out_of_range', status: 400 }, // check_violation (amount bounds, ...)
  '23503': { code: 'reference_conflict', status: 409 }, // foreign_key_violation
  '23505': { code: 'already_exists', status: 409 }, // unique_violation
};

function callerFaultOfDatabase(error: unknown): { code: ErrorCode; status: number; sqlState: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  // pg's DatabaseError, or MikroORM's DriverException that copies its fields.
  const sqlState = (error as { code?: unknown }).code;
  if (typeof sqlState !== 'string' || !('severity' in error || 'sqlState' in error || 'routine' in error)) return null;
  const mapped = callerFaultSqlStates[sqlState];
  return mapped ? { ...mapped, sqlState } : null;
}

/** The JSON path of the first string (value or key) holding a NUL character, or null. */
export function findNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNulCharacter(value[index], `${path}/${index}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${path}/${key.replaceAll('\u0000', '\\u0000')}`;
      const found = findNulCharacter(child, `${path}/${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Errors the router raises before any route runs (Fastify's `frameworkErrors` option), answered in
 * the same shape as the others: a path parameter longer than any id or token names nothing (404),
 * a path that is not valid percent-encoding is malformed (400).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(request, reply, 'not_found', 404, { reason: 'path parameter too long' });
  return sendError(request, reply, 'validation_failed', 400, { reason: error.code === 'FST_ERR_BAD_URL' ? 'malformed url' : error.message });
}

/** Turns every thrown thing into `{ code, message, details }`; hides internals of 5xx. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  // PostgreSQL refuses NUL in text (22021) and jsonb (22P05), and no business text needs one:
  // refused once here, for every route and every part of the request, before any schema or service.
  // Only the parts a route reads (declares a schema for): a query parameter it ignores harms nothing.
  app.addHook('preValidation', async (request) => {
    const schema = (request.routeOptions.schema ?? {}) as Record<string, unknown>;
    const parts = { params: request.params, querystring: request.query, body: request.body } as const;
    for (const [location, value] of Object.entries(parts)) {
      if (!schema[location]) continue;
      const path = findNulCharacter(value);
      if (path !== null) throw new AppError('text_contains_nul', 400, { location, path });
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (error.statusCode === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendError(request, reply, error.code, error.statusCode, error.details);
    }
    const databaseRefusal = callerFaultOfDatabase(error);
    if (databaseRefusal) {
      request.log.error({ err: error, sqlState: databaseRefusal.sqlState }, 'the database refused input that no schema or service checked');
      return sendError(request, reply, databaseRefusal.code, databaseRefusal.status);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((issue) => ({
        path: issue.instancePath || '',
        message: issue.message,
      }));
      return sendError(request, reply, 'validation_failed', 400, { issues });
    }
    if (error.statusCode === 429) return sendError(request, reply, 'rate_limited', 429);
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') return sendError(request, reply, 'file_too_large', 413);
    if (error.statusCode === 413) return sendError(request, reply, 'request_too_large', 413);
    // @fastify/multipart answers 406 to a file route called without multipart/form-data: it is a content type it does not take.
    if (error.statusCode === 415 || error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return sendError(request, reply, 'unsupported_media_type', 415);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code: ErrorCode = error.statusCode === 404 ? 'not_found' : 'validation_failed';
      return sendError(request, reply, code, error.statusCode, { reason: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'internal_error', 500);
  });

});

export const allErrorCodes = Object.keys(errorMessages) as ErrorCode[];
