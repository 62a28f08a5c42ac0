import {
  activity,
  caseDetail,
  caseSummary,
  claim,
  claimParams,
  createActivityBody,
  createCaseBody,
  idempotencyHeaders,
  listCasesQuery,
  updateClaimBody,
} from '@relance/contracts/cases';
import { errorBody, idParams, pageOf } from '@relance/contracts/common';
import { statement, statementQuery } from '@relance/contracts/statements';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { logCaseActivity } from './activities.ts';
import { changeClaimNature } from './claims.ts';
import { createCase } from './create.ts';
import { readCaseDetail } from './detail.ts';
import { getStatement } from './statement.ts';
import { listCases } from './summary.ts';

export async function caseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases', {
    config: { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] },
    schema: {
      tags: ['cases'],
      summary: "Cases by the queue's priority, with today's décompte balance; a creditor user sees only their own",
      querystring: listCasesQuery,
      response: { 200: pageOf(caseSummary), 400: errorBody, 401: errorBody },
    },
    handler: async (request) => listCases(actorContextOf(request), request.query),
  });

  r.get('/api/v1/cases/:id', {
    config: { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] },
    schema: {
      tags: ['cases'],
      summary: 'A case with its debtor, claims, payments and timeline',
      params: idParams,
      response: { 200: caseDetail, 404: errorBody },
    },
    handler: async (request) => readCaseDetail(actorContextOf(request), request.params.id),
  });

  claimRoutes(app);
  r.post('/api/v1/cases/:id/activities', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: 'Log a call or a note on the case timeline',
      description:
        'A call goes through the legal gate first (GET cases/{id}/contact-check shows its verdict): an open dispute, a vulnerable ' +
        'debtor, a closed mandate, claims all prescribed or no valid phone answer 422 with that code; outside the hours, on a ' +
        "Sunday or a public holiday 422 too, unless the agency's mode is warn (then logged with contactWarnings); over the cap " +
        '422 contact_cap_reached. A manager may override the window and the cap with a written reason (`override`, audit trail; ' +
        '403 override_not_allowed for anyone else). details: decision, reasons [{code, params, overridable}], until. ' +
        "A note is the agency's own (staffOnly, never shown to the creditor's users, keys or exports) unless sent with sharedWithCreditor: true.",
      params: idParams,
      body: createActivityBody,
      response: { 201: activity, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await logCaseActivity(actorContextOf(request), request.params.id, request.body)),
  });

  r.post('/api/v1/cases', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['cases'],
      summary: 'Place a case: debtor, contacts and claims in one transaction (mandate valid today, R124-3)',
      description:
        'A creditor user always creates for its own creditor; staff name the creditor. An `Idempotency-Key` header makes a ' +
        'retry return the first response; the same key with a different body is refused (409 idempotency_key_reused). ' +
        "A claim's nature: stated, else the creditor's default, else inferred; its prescription date follows from it and the due date. " +
        'An already prescribed claim is refused (422 claim_prescribed_at_intake) unless flagged `prescribedAtIntake: true` (never demanded).',
      headers: idempotencyHeaders,
      body: createCaseBody,
      response: { 201: caseDetail, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const result = await createCase(
        actorContextOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });

  statementRoute(app);
}

/** The décompte of a case (cases/statement.ts). */
function statementRoute(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/statement', {
    config: { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] },
    schema: {
      tags: ['cases'],
      summary: 'Décompte: principal, interest per claim and rate period, indemnities, payments and balance',
      description: 'Each line is rounded half-up to the cent once; totals are sums of printed lines. 422 missing_rate names the half-year to add.',
      params: idParams,
      querystring: statementQuery,
      response: { 200: statement, 400: errorBody, 401: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request) =>
      getStatement(actorContextOf(request), request.params.id, request.query.asOf),
  });
}

/** A claim of a case: its nature, corrected by staff (cases/claims.ts). */
function claimRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.patch('/api/v1/cases/:id/claims/:claimId', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: "Correct a claim's nature (its prescription regime); staff only",
      description:
        'Stores the nature as stated (natureSource `given`), recomputes the prescription dates of the case from every fact ' +
        '(payments, acknowledgments, legal events), and records the change in the audit trail (before/after) and on the timeline. ' +
        'Creditor users read the nature on the case and may not change it (403).',
      params: claimParams,
      body: updateClaimBody,
      response: { 200: claim, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => changeClaimNature(actorContextOf(request), request.params.id, request.params.claimId, request.body),
  });
}
