import type { Messages } from '../../shared/i18n.ts';
import messages from './messages-talk.json' with { type: 'json' };

// The texts of the debtor's dispute and messages (issue 18, "Dispute and write"): French and English
// for each key, checked by `satisfies` like the page's own messages.json.
export const talkMessages = messages satisfies Messages;
