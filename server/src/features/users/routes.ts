import { createUserBody, user } from '@relance/contracts/auth';
import { errorBody, idParams, pageOf, uuid } from '@relance/contracts/common';
import {
  createInvitationBody,
  invitation,
  invitationTokenParams,
  publicInvitation,
} from '@relance/contracts/creditors';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import {
  createUser,
  getPublicInvitation,
  inviteCreditorUser,
  listInvitations,
  listUsers,
  toUserDto,
} from './service.ts';

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/users', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['users'],
      summary: 'List users (optionally of one creditor)',
      querystring: z.object({ creditorId: uuid.optional() }),
      response: { 200: pageOf(user), 401: errorBody, 403: errorBody },
    },
    handler: async (request) => {
      const users = await listUsers(actorContextOf(request), request.query);
      return { items: users.map(toUserDto), nextCursor: null };
    },
  });

  r.post('/api/v1/users', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['users'],
      summary: 'Create a user (a creditor user belongs to one creditor)',
      body: createUserBody,
      response: { 201: user, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => {
      const created = await createUser(actorContextOf(request), request.body);
      return reply.code(201).send(toUserDto(created));
    },
  });

  r.post('/api/v1/creditors/:id/invitations', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['users'],
      summary: "Invite a person to the creditor's users by e-mail (single-use link, valid 7 days)",
      description:
        'Sends the agency\'s e-mail through SMTP (SMTP_URL). Without SMTP_URL the message is logged and kept: the answer ' +
        'then carries `outboxLink` so that the link can be handed over another way.',
      params: idParams,
      body: createInvitationBody,
      response: { 201: invitation, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 502: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      const created = await inviteCreditorUser(ctx, app.mailer, request.params.id, request.body);
      return reply.code(201).send(created);
    },
  });

  r.get('/api/v1/creditors/:id/invitations', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['users'],
      summary: "The creditor's invitations, newest first (pending, accepted, expired)",
      params: idParams,
      response: { 200: pageOf(invitation), 403: errorBody, 404: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return { items: await listInvitations(ctx, app.mailer, request.params.id), nextCursor: null };
    },
  });

  r.get('/api/v1/invitations/:token', {
    config: { access: 'public' },
    schema: {
      tags: ['users'],
      summary: 'Who an invitation link is for (404 invitation_invalid when used, expired or unknown)',
      params: invitationTokenParams,
      response: { 200: publicInvitation, 404: errorBody },
    },
    handler: async (request) => await getPublicInvitation(contextOf(request), request.params.token),
  });
}
