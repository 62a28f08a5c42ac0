import { z } from 'zod';
import { instant } from './common.ts';

// Contact rules (shared legal document, "Contact with debtors"): what a call at a given instant
// would break, and the agency's setting that decides whether that warns or blocks.

export const contactRuleCode = z.enum(['outside_hours', 'closed_day', 'public_holiday', 'contact_cap_reached', 'dispute_open', 'vulnerable']);
export type ContactRuleCode = z.infer<typeof contactRuleCode>;

export const contactRuleReason = z
  .object({
    code: contactRuleCode,
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe('outside_hours: localTime, start, end; closed_day / public_holiday: date (and holiday); contact_cap_reached: contacts, cap, windowDays'),
  })
  .meta({ id: 'ContactRuleReason' });
export type ContactRuleReason = z.infer<typeof contactRuleReason>;

export const contactRuleMode = z.enum(['warn', 'block']).describe('warn: the call is logged with the broken rules recorded; block: it is refused');
export type ContactRuleMode = z.infer<typeof contactRuleMode>;

export const contactCheck = z
  .object({
    allowed: z.boolean(),
    mode: contactRuleMode,
    reasons: z.array(contactRuleReason),
    nextAllowedAt: instant.nullable().describe('When only the calendar stands in the way: its next opening'),
    contactsInWindow: z.number().int().describe('Contacts with this debtor over the last 7 days, all channels and creditors'),
    cap: z.number().int(),
  })
  .meta({ id: 'ContactCheck' });
export type ContactCheck = z.infer<typeof contactCheck>;

export const contactSettings = z
  .object({
    contactCapPer7Days: z.number().int().min(1).max(20).describe('At most this many contacts per debtor over 7 days (default 3)'),
    contactRuleMode,
  })
  .meta({ id: 'ContactSettings' });
export type ContactSettings = z.infer<typeof contactSettings>;
