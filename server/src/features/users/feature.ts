import type { Feature } from '../../features.ts';
import { AppUserSchema, CreditorInvitationSchema, RefreshTokenSchema } from './entities.ts';
import { userRoutes } from './routes.ts';

export const usersFeature: Feature = {
  name: 'users',
  routes: [userRoutes],
  entities: [AppUserSchema, RefreshTokenSchema, CreditorInvitationSchema],
};
