import { Center, Loader } from '@mantine/core';
import type { Role } from '@relance/contracts/auth';
import { Navigate, Outlet, useLocation } from 'react-router';
import { homePathFor, useSession, useUser } from '../../shared/session.ts';

/** Everything below needs a signed-in user; the login page gets the path to come back to. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.status === 'anonymous') {
    return (
      <Navigate
        to="/login"
        replace
        state={{ from: `${location.pathname}${location.search}`, expired: session.expired }}
      />
    );
  }
  return <Outlet />;
}

/** Hides screens a role has no use for (the API enforces access anyway). */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const user = useUser();
  if (!roles.includes(user.role)) return <Navigate to={homePathFor(user)} replace />;
  return <Outlet />;
}

export function HomeRedirect() {
  const user = useUser();
  return <Navigate to={homePathFor(user)} replace />;
}
