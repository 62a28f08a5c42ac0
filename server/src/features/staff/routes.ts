import { errorBody, idParams } from '@relance/contracts/common';
import { staffList, staffUser, updateStaffUserBody } from '@relance/contracts/staff';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userContextOf } from '../../plugins/request-context.ts';
import { listStaff, updateStaffUser } from './service.ts';

export async function staffRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/staff', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['staff'],
      summary: "The agency's accounts (not the creditors' users): role, active, two-factor authentication, last sign-in",
      response: { 200: staffList, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => ({ items: await listStaff(userContextOf(request)) }),
  });

  r.patch('/api/v1/users/:id', {
    config: { access: ['admin'] },
    schema: {
      tags: ['staff'],
      summary: "Change a staff account's role, deactivate or reactivate it (admins)",
      description:
        'Deactivating revokes the refresh sessions and refuses the access tokens at once; the account then meets 403 ' +
        '`account_deactivated` at sign-in. An admin cannot deactivate or demote themselves (409 `cannot_change_own_account`). ' +
        'A creditor user is not managed here (400 `not_staff_user`). A new role applies from the next token (15 minutes at most).',
      params: idParams,
      body: updateStaffUserBody,
      response: { 200: staffUser, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => await updateStaffUser(userContextOf(request), request.params.id, request.body),
  });
}
