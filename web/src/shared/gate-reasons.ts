import type { ContactRuleReason } from '@relance/contracts/contact-rules';
import messages from './gate-reasons.json' with { type: 'json' };
import { formatDate, formatDateTime, type MessageKey, type Messages, type Translate } from './i18n.ts';

// The legal gate's reasons (packages/domain legal-gate.ts, contracts ContactRuleReason) in words:
// before a call, on a call or a promise logged with a warning, in a plan's preview. Several staff
// features show them and features do not import each other, so they live here.
// The texts are data (gate-reasons.json: each key with its French and English).
export const gateReasonMessages = messages satisfies Messages;

type GateTranslate = Translate<MessageKey<typeof gateReasonMessages>>;

/** One reason in words, e.g. "Hors des horaires d'appel : il est 20:30 à Paris (appels de 08:00 à 20:00)". */
export function describeGateReason(t: GateTranslate, reason: ContactRuleReason): string {
  const params = reason.params;
  switch (reason.code) {
    case 'contact_outside_hours':
      return t('gate.contact_outside_hours', { localTime: String(params.localTime ?? ''), start: String(params.start), end: String(params.end) });
    case 'contact_closed_day':
      return t('gate.contact_closed_day', { date: params.date ? formatDate(String(params.date), t.locale) : '' });
    case 'contact_public_holiday':
      return t('gate.contact_public_holiday', { date: params.date ? formatDate(String(params.date), t.locale) : '', holiday: String(params.holiday ?? '') });
    case 'contact_cap_reached':
      return t('gate.contact_cap_reached', { contacts: Number(params.contacts), cap: Number(params.cap), days: Number(params.windowDays) });
    default:
      return t.dyn(`gate.${reason.code}`, reason.code);
  }
}

export function describeNextAllowed(t: GateTranslate, nextAllowedAt: string | null): string | null {
  return nextAllowedAt ? t('gate.nextAllowed', { at: formatDateTime(nextAllowedAt, t.locale) }) : null;
}
