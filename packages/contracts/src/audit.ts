import { z } from 'zod';
import { dateInput, instant, uuid } from './common.ts';

// The audit trail (who did or read what, when), read by managers and admins with filters.

/** Actions the screens know how to name; the trail may hold others (they are shown as recorded). */
export const knownAuditActions = [
  'case_viewed',
  'document_downloaded',
  'message_viewed',
  'debtor_data_exported',
  'debtor_anonymised',
  'debtor_rectified',
  'rgpd_request_recorded',
  'rgpd_request_decided',
  'import_files_purged',
  'portfolio_created',
  'portfolio_updated',
  'portfolio_deleted',
  'portfolios_rebalanced',
  'agent_capacity_set',
  'agent_away',
  'agent_back',
  'cases_bulk_assigned',
  'cases_bulk_status_changed',
  'user_role_changed',
  'user_deactivated',
  'user_reactivated',
  'dunning_strategy_created',
  'dunning_strategy_updated',
  'dunning_step_added',
  'dunning_step_updated',
  'dunning_step_removed',
  'agency_contact_settings_changed',
  'creditor_professional_standing_changed',
  'mise_en_demeure_recorded',
  'claim_nature_changed',
  'legal_gate_overridden',
  'creditor_mandate_revoked',
  'creditor_mandate_scope_changed',
] as const;

const auditDate = dateInput;

export const auditQuery = z.object({
  caseId: uuid.optional(),
  actorId: uuid.optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'snake_case action')
    .optional(),
  from: auditDate.optional().describe('First day (Europe/Paris), included'),
  to: auditDate.optional().describe('Last day (Europe/Paris), included'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEvent = z
  .object({
    id: z.string().describe('Increasing with the order records were written'),
    occurredAt: instant,
    actorId: uuid.nullable().describe('null for the system (jobs)'),
    actorName: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: uuid.nullable(),
    caseId: uuid.nullable(),
    caseReference: z.string().nullable(),
    creditorId: uuid.nullable(),
    creditorName: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEvent>;

/** GET /audit.csv: the list's filters, every matching record (no page). */
export const auditExportQuery = auditQuery.omit({ limit: true, cursor: true });
export type AuditExportQuery = z.infer<typeof auditExportQuery>;
