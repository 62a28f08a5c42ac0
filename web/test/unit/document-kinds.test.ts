import { caseDocumentKinds } from '@relance/contracts/documents';
import { describe, expect, it } from 'vitest';
import documentsMessages from '../../src/features/documents/messages.json' with { type: 'json' };

// The case's documents list shows each document's kind by label: a kind the server can store
// without a label would reach the screen as its code ("LEGAL_FILING").
describe('document kinds', () => {
  it('has a French and an English label for every kind the server stores', () => {
    const messages = documentsMessages as Record<string, { fr: string; en: string }>;
    for (const kind of caseDocumentKinds) {
      expect(messages[`documents.kind.${kind}`]?.fr, kind).toBeTruthy();
      expect(messages[`documents.kind.${kind}`]?.en, kind).toBeTruthy();
    }
  });
});
