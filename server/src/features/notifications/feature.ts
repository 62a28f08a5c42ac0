import type { Feature } from '../../features.ts';

/**
 * Notifications to staff (the bell): the table and how a feature writes to it. The signed-in user's
 * list and "mark read" are served by the plans feature (its routes came first); other features
 * (creditors: a mandate revoked or ending) write through service.ts here, at the bottom of the
 * feature graph.
 */
export const notificationsFeature: Feature = {
  name: 'notifications',
};
