import { z } from 'zod';
import { uuid } from './common.ts';

export const roles = ['admin', 'manager', 'agent', 'accountant', 'creditor'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;
export const staffRoles = ['admin', 'manager', 'agent', 'accountant'] as const satisfies readonly Role[];

export const user = z
  .object({
    id: uuid,
    email: z.email(),
    name: z.string(),
    role,
    creditorId: uuid.nullable().describe('Set for creditor users only'),
    creditorRole: z.enum(['viewer', 'uploader']).nullable().describe('Creditor users only: a viewer reads and never writes (approves nothing)'),
    locale: z.enum(['fr', 'en']),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof user>;

export const loginBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export const sessionResponse = z
  .object({
    accessToken: z.string().describe('Short-lived JWT, send as Authorization: Bearer'),
    expiresInSeconds: z.number().int(),
    user,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionResponse>;

export const createUserBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  role,
  creditorId: uuid.optional(),
  password: z.string().max(1024).describe('At least 12 characters'),
  locale: z.enum(['fr', 'en']).default('fr'),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

// --- Two-factor authentication (TOTP) and login challenges (issue #13, item 7) ---

export const loginChallenge = z
  .object({
    step: z
      .enum(['totp', 'totp_enrolment'])
      .describe('totp: send a code from the authenticator app (or a recovery code); totp_enrolment: the agency requires staff to enrol first'),
    challengeToken: z.string().describe('Short-lived, single-use; not a session'),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'LoginChallenge' });
export type LoginChallenge = z.infer<typeof loginChallenge>;

export const loginResponse = z.union([sessionResponse, loginChallenge]);
export type LoginResponse = z.infer<typeof loginResponse>;

const totpCode = z.string().trim().min(6).max(20).describe('6-digit code from the app, or a recovery code (xxxxx-xxxxx)');

export const challengeBody = z.object({ challengeToken: z.string().min(20).max(100) });
export const challengeCodeBody = challengeBody.extend({ code: totpCode });
export const codeBody = z.object({ code: totpCode });

export const totpEnrolment = z
  .object({
    secret: z.string().describe('Base32 secret, for typing into an app by hand'),
    otpauthUri: z.string().describe('otpauth://totp/... URI (what the QR code holds)'),
    qrCodeSvg: z.string().describe('The URI as a QR code, SVG'),
  })
  .meta({ id: 'TotpEnrolment' });
export type TotpEnrolment = z.infer<typeof totpEnrolment>;

export const totpStatus = z
  .object({
    enabled: z.boolean(),
    enabledAt: z.iso.datetime({ offset: true }).nullable(),
    recoveryCodesLeft: z.number().int(),
    requiredByAgency: z.boolean().describe('True for staff when the agency requires two-factor authentication'),
  })
  .meta({ id: 'TotpStatus' });
export type TotpStatus = z.infer<typeof totpStatus>;

export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()).describe('Single-use codes, shown this once') });
export const sessionWithRecoveryCodes = sessionResponse.extend(recoveryCodes.shape);
export type SessionWithRecoveryCodes = z.infer<typeof sessionWithRecoveryCodes>;

export const securitySettings = z
  .object({ requireStaffTotp: z.boolean().describe('Staff (admin, manager, agent) must use two-factor authentication') })
  .meta({ id: 'SecuritySettings' });
export type SecuritySettings = z.infer<typeof securitySettings>;
