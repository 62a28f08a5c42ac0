import type { Messages } from '../../shared/i18n.ts';
import { staffMessages } from '../../shared/staff-messages.ts';
import messages from './messages.json' with { type: 'json' };

// The texts are data (messages.json: each key with its French and English); `satisfies` makes a
// missing translation fail the typecheck, and screens get keys typed from the file. The names of
// the kinds and events of a legal action (`legal.kind.*`, `legal.event.*`) are shared with the case
// timeline, so they live in shared/staff-messages.json and are merged in here.
export const legalMessages = { ...staffMessages, ...messages } satisfies Messages;
