import { errorBody, idParams } from '@relance/contracts/common';
import {
  commissaire,
  commissaireList,
  commissaireListQuery,
  courtDetail,
  courtImportColumns,
  courtImportReport,
  courtList,
  courtListQuery,
  courtLookup,
  courtLookupQuery,
  createCommissaireBody,
  createCourtBody,
  MAX_COURT_IMPORT_BYTES,
  updateCommissaireBody,
  updateCourtBody,
} from '@relance/contracts/legal-directory';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../plugins/errors.ts';
import { actorContextOf } from '../../plugins/request-context.ts';
import { createCommissaire, getCommissaire, listCommissaires, updateCommissaire } from './commissaires.ts';
import { importCourts } from './court-import.ts';
import { createCourt, getCourt, listCourts, lookupCourt, updateCourt } from './directory.ts';

// Settings of the judicial phase: the court directory (administrators and managers read it, an
// administrator changes it) and the commissaires de justice (administrators and managers).

/** The court directory: search, lookup for an address, manual rows. */
export async function courtRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/courts', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'Search the court directory by name, code, city or commune served, kind and postal code served (paged, by name)',
      querystring: courtListQuery,
      response: { 200: courtList, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listCourts(actorContextOf(request), request.query),
  });

  r.get('/api/v1/courts/lookup', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'The court of a kind competent for a postal code and commune (CPC 1406), as a legal action would find it; court null when none matches',
      description:
        'Commune names are compared normalised (accents, case, hyphens, ST/SAINT, CEDEX, the arrondissements of Paris, Lyon and Marseille); then the only court of the kind for the postal code; then the commune in its département. A commercial kind answers a tribunal des activités économiques too, and in Alsace-Moselle the tribunal judiciaire.',
      querystring: courtLookupQuery,
      response: { 200: courtLookup, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => lookupCourt(actorContextOf(request), request.query),
  });

  r.post('/api/v1/courts', {
    config: { access: ['admin'] },
    schema: {
      tags: ['legal'],
      summary: 'Add a court by hand (source manual), with the communes it is competent for',
      description: '409 court_code_taken when the code is already in the directory.',
      body: createCourtBody,
      response: { 201: courtDetail, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await createCourt(actorContextOf(request), request.body)),
  });

  r.get('/api/v1/courts/:id', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'One court and the communes it is competent for',
      params: idParams,
      response: { 200: courtDetail, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getCourt(actorContextOf(request), request.params.id),
  });

  r.patch('/api/v1/courts/:id', {
    config: { access: ['admin'] },
    schema: {
      tags: ['legal'],
      summary: 'Correct a court; `communes` replaces the list of communes it is competent for',
      params: idParams,
      body: updateCourtBody,
      response: { 200: courtDetail, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => updateCourt(actorContextOf(request), request.params.id, request.body),
  });
}

/** The Ministry of Justice's file of courts and their competence by commune. */
export async function courtImportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/courts/import', {
    config: { access: ['admin'] },
    schema: {
      tags: ['legal'],
      summary: `Import the Ministry of Justice's courts and territorial competence by commune (multipart field \`file\`, CSV, ${MAX_COURT_IMPORT_BYTES / 1024 / 1024} MB at most)`,
      description: `Columns (header, any case/accents; \`;\` or \`,\`; UTF-8 with or without BOM): required ${courtImportColumns.required.join(', ')}; optional ${courtImportColumns.optional.join(', ')}. Courts are upserted by code_juridiction (source import), commune rows added; re-importing the same file changes nothing. Bad lines are reported by line number and reason while the good ones go in; lines of other jurisdictions are skipped. 400 invalid_csv_header when a required column is missing.`,
      consumes: ['multipart/form-data'],
      response: { 200: courtImportReport, 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      const file = await request.file({ limits: { fileSize: MAX_COURT_IMPORT_BYTES, files: 1 } });
      if (!file) throw new AppError('file_required', 400);
      const bytes = await file.toBuffer();
      if (file.file.truncated) throw new AppError('file_too_large', 413, { maxBytes: MAX_COURT_IMPORT_BYTES });
      return await importCourts(ctx, bytes);
    },
  });
}

/** The commissaires de justice, by the cour d'appel districts they serve. */
export async function commissaireRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/commissaires', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'The commissaires de justice (active first), by text, district served, active or not',
      querystring: commissaireListQuery,
      response: { 200: commissaireList, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listCommissaires(actorContextOf(request), request.query),
  });

  r.post('/api/v1/commissaires', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['legal'],
      summary: 'Add a commissaire de justice: étude, name, address, e-mail (hand-overs by e-mail only with one), cour d’appel districts served',
      body: createCommissaireBody,
      response: { 201: commissaire, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await createCommissaire(actorContextOf(request), request.body)),
  });

  r.get('/api/v1/commissaires/:id', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'One commissaire de justice',
      params: idParams,
      response: { 200: commissaire, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getCommissaire(actorContextOf(request), request.params.id),
  });

  r.patch('/api/v1/commissaires/:id', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['legal'],
      summary: 'Correct a commissaire, change the districts served, deactivate (`active: false`; never deleted: legal actions name it) or reactivate',
      params: idParams,
      body: updateCommissaireBody,
      response: { 200: commissaire, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => updateCommissaire(actorContextOf(request), request.params.id, request.body),
  });
}
