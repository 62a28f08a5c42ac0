import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { Secrets } from '../db/secrets.ts';
import type { Clock, ServiceContext } from './context.ts';
import { localeOf } from './errors.ts';

export type AppDependencies = { orm: MikroORM; clock: Clock; config: Config; secrets: Secrets };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDependencies;
  }
  interface FastifyRequest {
    deps: AppDependencies;
  }
}

/** Gives each request its own MikroORM entity manager (identity map per request). */
export const requestContextPlugin = fp(async (app: FastifyInstance, deps: AppDependencies) => {
  app.decorate('deps', deps);
  app.decorateRequest('deps', {
    getter() {
      return deps;
    },
  });
});

const ems = new WeakMap<FastifyRequest, ServiceContext['em']>();

export function contextOf(request: FastifyRequest): ServiceContext {
  const { orm, clock, config, secrets } = request.deps;
  let em = ems.get(request);
  if (!em) {
    em = orm.em.fork();
    ems.set(request, em);
  }
  return { em, clock, config, secrets, locale: localeOf(request) };
}
