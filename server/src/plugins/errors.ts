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

/** Turns every thrown thing into `{ code, message, details }`; hides internals of 5xx. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (error.statusCode === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendError(request, reply, error.code, error.statusCode, error.details);
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
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code: ErrorCode = error.statusCode === 404 ? 'not_found' : 'validation_failed';
      return sendError(request, reply, code, error.statusCode, { reason: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'internal_error', 500);
  });

});

export const allErrorCodes = Object.keys(errorMessages) as ErrorCode[];
