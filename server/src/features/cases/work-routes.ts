import {
  addContactBody,
  bulkStatusBody,
  bulkStatusResult,
  callback,
  changeStatusBody,
  contactParams,
  contactResult,
  liftVulnerabilityBody,
  scheduleCallbackBody,
  setContactValidityBody,
  statusChange,
  vulnerabilityBody,
} from '@relance/contracts/case-work';
import { errorBody, idParams } from '@relance/contracts/common';
import { contactCheck } from '@relance/contracts/contact-rules';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findAccessible } from '../../plugins/access.ts';
import { actorContextOf } from '../../plugins/request-context.ts';
import { contactCheckFor, gateOriginOf } from './contact-rules.ts';
import { CollectionCase } from './entities.ts';
import {
  addContact,
  bulkChangeStatus,
  cancelCallback,
  changeStatusWithReason,
  flagVulnerable,
  liftVulnerability,
  scheduleCallback,
  setContactValidity,
} from './work-service.ts';

const flagResult = z.object({ caseId: z.uuid(), vulnerable: z.boolean() });

/** Working the case: may I call now, its status with a reason, the callback. */
async function caseHandlingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/contact-check', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: "Before calling: the legal gate's verdict on a call now (dispute, vulnerability, mandate, prescription, phone, hours, cap)",
      description:
        'decision allowed (warnings: what the call would be logged with, e.g. the hours in warn mode), deferred (the hours or the ' +
        'cap: nextAllowedAt; overridable by a manager with a reason) or refused; reasons are the codes logging the call would answer with 422.',
      params: idParams,
      response: { 200: contactCheck, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      const found = await findAccessible(ctx, 'case', CollectionCase, request.params.id);
      return await contactCheckFor(ctx, found.id, ctx.clock.now(), gateOriginOf(ctx.actor));
    },
  });

  r.post('/api/v1/cases/:id/status', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: 'Change the status through the state machine, with a reason (timeline)',
      description:
        '409 forbidden_transition for a move the table refuses (details from, to); 409 dispute_open while a dispute is open; ' +
        '400 outcome_required to close without an outcome; a move to legal or bailiff is a judicial step the legal gate decides: ' +
        '422 mandate_excludes_judicial, claim_prescribed, mandate_expired / mandate_revoked, contact_refused_vulnerable (details.reasons).',
      params: idParams,
      body: changeStatusBody,
      response: { 200: statusChange, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => await changeStatusWithReason(actorContextOf(request), request.params.id, request.body),
  });

  r.post('/api/v1/cases/bulk/status', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['cases'],
      summary: "Managers: change the status of up to 500 cases with one reason, each through the case screen's rules",
      description:
        'Each case is moved as POST /cases/{id}/status would move it, in its own transaction: the ones the rules refuse ' +
        '(forbidden_transition, dispute_open, escalation_through_legal_action, not_found for an id the caller cannot see) ' +
        'stay where they are and are listed in `refused` with their code and message; the others move. Retrying is harmless ' +
        '(a case already in the status counts as unchanged). 400 outcome_required to close without an outcome. One audit ' +
        'entry `cases_bulk_status_changed`.',
      body: bulkStatusBody,
      response: { 200: bulkStatusResult, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => await bulkChangeStatus(actorContextOf(request), request.body),
  });

  r.post('/api/v1/cases/:id/callback', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: 'Schedule a callback at a Paris date and time; the queue serves the case first once it is due',
      params: idParams,
      body: scheduleCallbackBody,
      response: { 200: callback, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => await scheduleCallback(actorContextOf(request), request.params.id, request.body),
  });

  r.delete('/api/v1/cases/:id/callback', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: 'Cancel the scheduled callback',
      params: idParams,
      response: { 200: callback, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => await cancelCallback(actorContextOf(request), request.params.id),
  });
}

/** The debtor's contacts: add one, mark one invalid or valid again. */
async function contactRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/contacts', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: "Add an e-mail, a phone number (stored as E.164) or a postal address to the case's debtor",
      params: idParams,
      body: addContactBody,
      response: { 201: contactResult, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await addContact(actorContextOf(request), request.params.id, request.body)),
  });

  r.patch('/api/v1/cases/:id/contacts/:kind/:contactId', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: 'Mark a contact invalid (wrong number, bounced e-mail, returned mail) or valid again',
      params: contactParams,
      body: setContactValidityBody,
      response: { 200: contactResult, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) =>
      await setContactValidity(actorContextOf(request), request.params.id, request.params.kind, request.params.contactId, request.body),
  });
}

/** The vulnerability flag (staff only): set by anyone working the case, lifted by a manager. */
async function vulnerabilityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/vulnerability', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: 'Flag the debtor vulnerable: all contact stops until a manager lifts the flag (staff only, never shown to creditors)',
      params: idParams,
      body: vulnerabilityBody,
      response: { 200: flagResult, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => await flagVulnerable(actorContextOf(request), request.params.id, request.body.note),
  });

  r.post('/api/v1/cases/:id/vulnerability/lift', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['cases'],
      summary: 'Lift the vulnerability flag (managers), saying why',
      params: idParams,
      body: liftVulnerabilityBody,
      response: { 200: flagResult, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => await liftVulnerability(actorContextOf(request), request.params.id, request.body.note),
  });
}

/** Case work from the case screen: contact-rule check, status with a reason, callbacks, contacts, vulnerability. */
export async function caseWorkRoutes(app: FastifyInstance) {
  await caseHandlingRoutes(app);
  await contactRoutes(app);
  await vulnerabilityRoutes(app);
}
