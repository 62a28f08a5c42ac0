import type { LoginChallenge, LoginResponse, Session, SessionWithRecoveryCodes, TotpEnrolment, User } from '@relance/contracts/auth';
import { useSyncExternalStore } from 'react';
import { ApiError, type RequestOptions, request } from './http.ts';
import { getLocale } from './i18n.ts';

// Staff session: the access token lives in memory only (never in storage); the refresh
// token is an httpOnly cookie the API sets, so a reload restores the session through
// POST /auth/refresh. Not imported by the debtor portal.

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'authenticated'; user: User; accessToken: string };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;

function setState(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** The signed-in user; only call below the authentication guard. */
export function useUser(): User {
  const session = useSession();
  if (session.status !== 'authenticated') throw new Error('useUser() needs an authenticated session');
  return session.user;
}

/** Starts a session from a login-like answer (login, invitation acceptance). */
export function startSession(session: Session): void {
  accept(session);
}

function accept(session: Session) {
  setState({ status: 'authenticated', user: session.user, accessToken: session.accessToken });
  clearTimeout(refreshTimer);
  // Refresh a little before expiry so an agent never meets a 401 in the middle of a call.
  const delayMs = Math.max(10, session.expiresInSeconds * 0.8) * 1000;
  refreshTimer = setTimeout(() => void refreshSession(), delayMs);
}

function signOutLocally(expired: boolean) {
  clearTimeout(refreshTimer);
  setState({ status: 'anonymous', expired });
}

/** Exchanges the refresh cookie for a new access token; one refresh at a time. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= request<Session>('/api/v1/auth/refresh', { method: 'POST', body: {} })
    .then((session) => {
      accept(session);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** On app load: restore the session from the refresh cookie, if any. */
export async function restoreSession(): Promise<void> {
  const ok = await refreshSession();
  if (!ok) signOutLocally(false);
}

/**
 * The password step. Answers the signed-in user, or the second step the server asks for (a code
 * from the authenticator app, or enrolment when the agency requires it): then no session yet.
 */
export async function login(email: string, password: string): Promise<{ user: User } | { challenge: LoginChallenge }> {
  const answer = await request<LoginResponse>('/api/v1/auth/login', { method: 'POST', body: { email, password } });
  if ('step' in answer) return { challenge: answer };
  accept(answer);
  return { user: answer.user };
}

/** The code step of a login (a TOTP code or a recovery code). */
export async function loginWithCode(challengeToken: string, code: string): Promise<User> {
  const session = await request<Session>('/api/v1/auth/login/totp', { method: 'POST', body: { challengeToken, code } });
  accept(session);
  return session.user;
}

/** Enrolment required at login: the QR code for this challenge. */
export async function enrolmentAtLogin(challengeToken: string): Promise<TotpEnrolment> {
  return await request<TotpEnrolment>('/api/v1/auth/login/totp-enrolment', { method: 'POST', body: { challengeToken } });
}

/**
 * Confirms the enrolment with a first code. Answers the session with the recovery codes; the
 * caller starts it (startSession) once the user has kept the codes.
 */
export async function confirmEnrolmentAtLogin(challengeToken: string, code: string): Promise<SessionWithRecoveryCodes> {
  return await request<SessionWithRecoveryCodes>('/api/v1/auth/login/totp-enrolment/confirm', {
    method: 'POST',
    body: { challengeToken, code },
  });
}

export async function logout(): Promise<void> {
  try {
    await request('/api/v1/auth/logout', { method: 'POST', body: {}, token: accessToken() });
  } finally {
    signOutLocally(false);
  }
}

function accessToken(): string | null {
  return state.status === 'authenticated' ? state.accessToken : null;
}

/** Authenticated API call: on `token_expired`, refreshes once and retries. */
export async function api<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
  try {
    return await request<T>(path, { ...options, token: accessToken() });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    if (error.code === 'token_expired' && (await refreshSession())) {
      return request<T>(path, { ...options, token: accessToken() });
    }
    signOutLocally(true);
    throw error;
  }
}

/** Authenticated download of a binary (PDF...): the token is in memory, so a plain link would not carry it. */
export async function apiBlob(path: string): Promise<{ blob: Blob; fileName: string | null }> {
  const call = () =>
    fetch(path, { headers: { Authorization: `Bearer ${accessToken() ?? ''}`, 'Accept-Language': getLocale() }, credentials: 'include' });
  let response = await call();
  if (response.status === 401 && (await refreshSession())) response = await call();
  if (!response.ok) {
    const error = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(response.status, error.code ?? 'internal_error', error.message ?? `HTTP ${response.status}`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const fileName = utf8?.[1] ? decodeURIComponent(utf8[1]) : (plain?.[1] ?? null);
  return { blob: await response.blob(), fileName };
}

/**
 * Authenticated download saved by the browser under the server's file name (Content-Disposition),
 * or `fallbackName` when it gives none.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const { blob, fileName } = await apiBlob(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Where each role lands after signing in. */
export function homePathFor(user: User): string {
  if (user.role === 'accountant') return '/finance/bank';
  return user.role === 'creditor' ? '/dashboard' : '/cases';
}
