import type { Messages } from '../../shared/i18n.ts';
import messages from './messages.json' with { type: 'json' };

// The texts are data (messages.json: each key with its French and English); `satisfies` makes a
// missing translation fail the typecheck, and screens get keys typed from the file.
export const portfolioMessages = messages satisfies Messages;
