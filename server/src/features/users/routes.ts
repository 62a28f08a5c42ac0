import { createUserBody, user } from '@relance/contracts/auth';
import { errorBody, pageOf, uuid } from '@relance/contracts/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth.ts';
import { contextOf } from '../../plugins/request-context.ts';
import { createUser, listUsers, toUserDto } from './service.ts';

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
      const users = await listUsers({ ...contextOf(request), actor: requireActor(request) }, request.query);
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
      const created = await createUser({ ...contextOf(request), actor: requireActor(request) }, request.body);
      return reply.code(201).send(toUserDto(created));
    },
  });
}
