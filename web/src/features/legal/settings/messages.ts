import type { Messages } from '../../../shared/i18n.ts';
import messages from './messages.json' with { type: 'json' };

// The settings screens of the judicial phase (court directory, commissaires): their own texts, apart from the legal pages'.
export const legalSettingsMessages = messages satisfies Messages;
