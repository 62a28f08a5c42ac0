import type { Messages } from '../../shared/i18n.ts';
import messages from './messages-plans.json' with { type: 'json' };

// The texts of the debtor's plans and promise (components PortalPlans, PortalPromise): each key with
// its French and English, checked like messages.ts.
export const portalPlansMessages = messages satisfies Messages;
