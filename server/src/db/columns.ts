import { p } from '@mikro-orm/core';

// The columns every entity declares the same way, written once. The database fills both
// (migrations: `id` defaults, `now()`); the ORM mirrors that so an entity created in code has them.

/** The primary key: a uuid the database generates. */
export const generatedId = () => p.uuid().primary().defaultRaw('gen_random_uuid()');

/** The instant the row was created (also `updated_at` where a table starts with it). */
export const creationTime = () => p.datetime().defaultRaw('now()').onCreate(() => new Date());
