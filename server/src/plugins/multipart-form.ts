import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/** A file of a form, read whole once it is known not to exceed the route's limit. */
export type FormFile = { fileName: string; bytes: Buffer };
/** A form's text fields (as sent: the route's zod schema checks them) and its one file, if any. */
export type ReadForm = { fields: Record<string, unknown>; file: FormFile | null };

const FIELD_BYTES = 32 * 1024;

/**
 * Reads a form sent as multipart/form-data (text fields and at most one file in the field `file`,
 * in any order) or as a JSON object (no file). The file is bounded while it is read: past
 * `maxFileBytes` the stream stops and 413 document_too_large answers, whatever size the client
 * declared. A text field is bounded too (32 KB: a longer value is cut by the parser, refused here
 * as 400 form_invalid), NUL characters are refused (400 text_contains_nul, as for JSON bodies),
 * and a second file or too many parts is 400 form_invalid. A file input left empty by the browser
 * (no name, no bytes) counts as no file.
 */
export async function readForm(request: FastifyRequest, options: { maxFileBytes: number }): Promise<ReadForm> {
  if (!request.isMultipart()) {
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw new AppError('form_invalid', 400, { reason: 'the body is not an object' });
    return { fields: checkedText(body as Record<string, unknown>), file: null };
  }
  const fields: Record<string, unknown> = {};
  let file: FormFile | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: options.maxFileBytes, files: 1, fields: 10, parts: 11, fieldSize: FIELD_BYTES } })) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new AppError('form_invalid', 400, { field: part.fieldname, reason: 'too long' });
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file') throw new AppError('form_invalid', 400, { field: part.fieldname, reason: 'files go in the field `file`' });
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('document_too_large', 413, { maxBytes: options.maxFileBytes });
      if (part.filename === '' && bytes.length === 0) continue;
      file = { fileName: part.filename, bytes };
    }
  } catch (error) {
    throw formError(error, options.maxFileBytes);
  }
  return { fields: checkedText(fields), file };
}

function formError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('document_too_large', 413, { maxBytes });
  if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return new AppError('form_invalid', 400, { reason: code });
  }
  return error;
}

/** PostgreSQL refuses NUL in text: refused here as for every schema'd body (plugins/errors.ts). */
function checkedText(fields: Record<string, unknown>): Record<string, unknown> {
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.includes('\u0000')) throw new AppError('text_contains_nul', 400, { location: 'body', path: `/${name}` });
  }
  return fields;
}
