import type { CreateUserBody, User } from '@relance/contracts/auth';
import { creditorScope, type ActorContext, type ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { Creditor } from '../creditors/entities.ts';
import { AppUser } from './entities.ts';
import { hashPassword, MINIMUM_PASSWORD_LENGTH } from './passwords.ts';

export function toUserDto(user: AppUser): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    creditorId: user.creditorId ?? null,
    locale: user.locale,
  };
}

export async function findUserByEmail(ctx: ServiceContext, email: string): Promise<AppUser | null> {
  const rows = await ctx.em.execute<{ id: string }[]>('select id from app_user where lower(email) = lower(?)', [email]);
  const id = rows[0]?.id;
  return id ? await ctx.em.findOne(AppUser, { id }) : null;
}

export async function findUserById(ctx: ServiceContext, id: string): Promise<AppUser | null> {
  return await ctx.em.findOne(AppUser, { id });
}

/**
 * Creates an account. Admins create anyone; managers create agents and creditor users.
 * `allowShortPassword` is for the demo seed only (password `demo`); real accounts need 12+.
 */
export async function createUser(
  ctx: ServiceContext & { actor: ActorContext['actor'] | null },
  body: CreateUserBody,
  options: { allowShortPassword?: boolean } = {},
): Promise<AppUser> {
  if (ctx.actor && ctx.actor.role === 'manager' && (body.role === 'admin' || body.role === 'manager')) {
    throw new AppError('forbidden', 403);
  }
  if (!options.allowShortPassword && body.password.length < MINIMUM_PASSWORD_LENGTH) {
    throw new AppError('password_too_short', 400);
  }
  if (body.role === 'creditor') {
    if (!body.creditorId) throw new AppError('creditor_required', 400);
    const creditor = await ctx.em.findOne(Creditor, { id: body.creditorId });
    if (!creditor) throw new AppError('not_found', 404, { creditorId: body.creditorId });
  }
  if (await findUserByEmail(ctx, body.email)) throw new AppError('email_taken', 409);
  const user = ctx.em.create(AppUser, {
    email: body.email,
    name: body.name,
    role: body.role,
    creditorId: body.role === 'creditor' ? (body.creditorId ?? null) : null,
    passwordHash: await hashPassword(body.password),
    locale: body.locale,
  });
  await ctx.em.flush();
  return user;
}

export async function listUsers(ctx: ActorContext, filter: { creditorId?: string | undefined }): Promise<AppUser[]> {
  const scope = creditorScope(ctx.actor);
  const where: Record<string, unknown> = {};
  if (scope) where.creditorId = scope;
  else if (filter.creditorId) where.creditorId = filter.creditorId;
  return await ctx.em.find(AppUser, where, { orderBy: { email: 'asc' }, limit: 500 });
}
