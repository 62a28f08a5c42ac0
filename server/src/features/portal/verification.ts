import { createHash, randomBytes } from 'node:crypto';
import type { PortalContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { addEntry } from '../cases/timeline.ts';

// Who may read a debtor's file through their link. A link travels in letters, e-mails and SMS: it
// may be forwarded, read over a shoulder or sit in a shared mailbox. Before anything but the brand
// and the balance shows, the debtor answers something the letter's recipient knows: the postcode of
// the address it went to, or the reference printed on it. Five wrong answers lock the link for an
// hour (counted on the link, whoever tries). A right answer opens a session: an httpOnly cookie
// scoped to the link's path, whose SHA-256 is kept in portal_session. Every debtor route but the
// summary and the card checkout asks `verifiedCaseId` (the one door).

export const MAX_VERIFY_FAILURES = 5;
const LOCK_MS = 60 * 60 * 1000;
/** A verified session lasts two hours (never beyond the link itself). */
const SESSION_MS = 2 * 60 * 60 * 1000;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Upper case, letters and digits only: "75 011", "75011 " and "ref-2026-000123" compare as typed on paper. */
export function normalizeAnswer(value: string): string {
  return value
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

type LinkRow = { id: string; case_id: string; expires_at: Date; revoked_at: Date | null; verify_failures: number; verify_locked_until: Date | null };

/** The live link of a token, or 404 portal_link_invalid (which says nothing about why). */
export async function liveLink(ctx: ServiceContext, token: string): Promise<LinkRow> {
  const [link] = await ctx.em.execute<LinkRow[]>(
    'select id, case_id, expires_at, revoked_at, verify_failures, verify_locked_until from portal_token where token_hash = ?',
    [sha256(token)],
  );
  if (!link || link.revoked_at || new Date(link.expires_at) <= ctx.clock.now()) throw new AppError('portal_link_invalid', 404);
  return link;
}

/** The verified session behind the request's cookie, if it is this link's and still valid. */
async function sessionOf(ctx: PortalContext, link: LinkRow): Promise<boolean> {
  if (!ctx.debtor.sessionSecret) return false;
  const [session] = await ctx.em.execute<{ id: string }[]>(
    'select id from portal_session where secret_hash = ? and portal_token_id = ? and expires_at > ?',
    [sha256(ctx.debtor.sessionSecret), link.id, ctx.clock.now()],
  );
  return session !== undefined;
}

/** Whether the request's debtor answered the check on this link (the summary shows more when so). */
export async function portalAccess(ctx: PortalContext): Promise<{ caseId: string; expiresAt: Date; verified: boolean; lockedUntil: Date | null }> {
  const link = await liveLink(ctx, ctx.debtor.token);
  const locked = link.verify_locked_until && new Date(link.verify_locked_until) > ctx.clock.now() ? new Date(link.verify_locked_until) : null;
  return { caseId: link.case_id, expiresAt: new Date(link.expires_at), verified: await sessionOf(ctx, link), lockedUntil: locked };
}

/** The case of a verified debtor: 404 for a dead link, 401 portal_verification_required before the check. */
export async function verifiedCaseId(ctx: PortalContext): Promise<string> {
  const access = await portalAccess(ctx);
  if (!access.verified) throw new AppError('portal_verification_required', 401, { attemptsLeft: null });
  return access.caseId;
}

/** What the letter's recipient knows: the postcodes of the debtor's addresses, the case reference. */
async function acceptedAnswers(ctx: ServiceContext, caseId: string): Promise<Set<string>> {
  const rows = await ctx.em.execute<{ answer: string }[]>(
    `select a.postal_code as answer from collection_case c join debtor_address a on a.debtor_id = c.debtor_id where c.id = ?
     union all select reference from collection_case where id = ?`,
    [caseId, caseId],
  );
  return new Set(rows.map((row) => normalizeAnswer(row.answer)).filter((answer) => answer.length >= 4));
}

/**
 * Checks the debtor's answer. Wrong: the failure is counted (committed whatever happens next) and
 * 422 portal_verification_failed says how many attempts are left; the fifth locks the link for an
 * hour (429 portal_locked with `until`). Right: a session secret for the cookie, the failures reset,
 * a line on the agent's timeline.
 */
export async function verifyDebtor(ctx: PortalContext, answer: string): Promise<{ secret: string; expiresAt: Date }> {
  const link = await liveLink(ctx, ctx.debtor.token);
  const now = ctx.clock.now();
  if (link.verify_locked_until && new Date(link.verify_locked_until) > now) {
    throw new AppError('portal_locked', 429, { until: new Date(link.verify_locked_until).toISOString() });
  }
  const answers = await acceptedAnswers(ctx, link.case_id);
  const given = normalizeAnswer(answer);
  if (!answers.has(given)) {
    // One statement: two wrong answers racing cannot both see four failures.
    const [counted] = await ctx.em.execute<{ verify_failures: number; verify_locked_until: Date | null }[]>(
      `update portal_token
          set verify_failures = case when verify_failures + 1 >= ? then 0 else verify_failures + 1 end,
              verify_locked_until = case when verify_failures + 1 >= ? then ?::timestamptz else verify_locked_until end
        where id = ? returning verify_failures, verify_locked_until`,
      [MAX_VERIFY_FAILURES, MAX_VERIFY_FAILURES, new Date(now.getTime() + LOCK_MS), link.id],
    );
    if (counted?.verify_locked_until && new Date(counted.verify_locked_until) > now) {
      await addEntry(emExec(ctx.em), ctx.clock, {
        caseId: link.case_id,
        kind: 'portal_visit',
        text: `Page du débiteur bloquée une heure après ${MAX_VERIFY_FAILURES} réponses erronées à la vérification.`,
        event: { code: 'portal_locked', params: { attempts: MAX_VERIFY_FAILURES } },
      });
      throw new AppError('portal_locked', 429, { until: new Date(counted.verify_locked_until).toISOString() });
    }
    throw new AppError('portal_verification_failed', 422, { attemptsLeft: MAX_VERIFY_FAILURES - (counted?.verify_failures ?? 0) });
  }
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Math.min(now.getTime() + SESSION_MS, new Date(link.expires_at).getTime()));
  await ctx.em.transactional(async (em) => {
    await em.execute('update portal_token set verify_failures = 0 where id = ?', [link.id]);
    await em.execute('insert into portal_session (portal_token_id, case_id, secret_hash, ip, created_at, expires_at) values (?, ?, ?, ?, ?, ?)', [
      link.id,
      link.case_id,
      sha256(secret),
      ctx.debtor.ip,
      now,
      expiresAt,
    ]);
    await addEntry(emExec(em), ctx.clock, {
      caseId: link.case_id,
      kind: 'portal_visit',
      text: 'Le débiteur a ouvert sa page et confirmé son identité.',
      event: { code: 'portal_verified', params: {} },
    });
  });
  return { secret, expiresAt };
}
