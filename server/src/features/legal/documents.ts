import type { ActorContext } from '../../plugins/context.ts';

// The documents of a legal action (requête, bordereau, dossier de dépôt, hand-over): the
// documents part of issue 16 fills this module; the approval flow calls it when an action
// becomes ready.

/** Prepares the action's filing documents once it is ready (idempotent). */
export async function prepareFilingDocuments(_ctx: ActorContext, _legalActionId: string): Promise<void> {}
