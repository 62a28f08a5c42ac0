/**
 * Bearer secrets that travel in URLs (a debtor's portal token, an invitation token, a hosted
 * checkout session id) must not reach the logs: anyone who reads them could open the debtor's
 * page or take over the invitation. Every URL and free text that may carry one goes through here
 * before it is logged (the request serializer of app.ts, the outbox log of mailer.ts).
 */
const SECRET_PATH_SEGMENTS = /(\/(?:pay|portal|invitations|local-pay\/checkout)\/)[^/?#\s"'<>]+/g;
const SECRET_QUERY_PARAMETERS = /([?&](?:token|access_token|refresh_token|code)=)[^&#\s"'<>]+/gi;

export const REDACTED = '[redacted]';

export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATH_SEGMENTS, `$1${REDACTED}`).replace(SECRET_QUERY_PARAMETERS, `$1${REDACTED}`);
}

type LoggedRequest = {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
};

/** Fastify's request serializer, with the URL's secrets redacted. */
export function redactedRequestSerializer(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactSecrets(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
