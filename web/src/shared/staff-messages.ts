import type { Messages } from './i18n.ts';
import messages from './staff-messages.json' with { type: 'json' };

// Messages several staff features show (role and case-status names, address fields, GDPR labels
// the audit trail reuses): features do not import each other, so what two of them share lives here.
// The debtor portal never imports this file.
// The texts are data (staff-messages.json: each key with its French and English); `satisfies` makes a
// missing translation fail the typecheck, and screens get keys typed from the file.
export const staffMessages = messages satisfies Messages;
