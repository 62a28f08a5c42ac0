import type { Messages } from '../../shared/i18n.ts';
import messages from './messages-pay.json' with { type: 'json' };

// The "Pay" section's texts (messages-pay.json: each key with its French and English), kept apart
// from messages.json so each part of the debtor's page owns its own; `satisfies` makes a missing
// translation fail the typecheck.
export const payMessages = messages satisfies Messages;
