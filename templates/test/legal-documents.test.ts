import { formatMoney } from '@relance/domain/money';
import { describe, expect, it } from 'vitest';
import {
  renderBordereauPdf,
  renderDecomptePdf,
  renderHandoverPdf,
  renderMandateAttestationPdf,
  renderPetitesCreancesPdf,
  renderPresentationProofPdf,
  renderRequetePdf,
} from '../src/legal-documents.ts';
import type { LegalDocumentCommon, LegalPiece } from '../src/legal-model.ts';
import { consumerProps, professionalProps } from './fixtures.ts';
import { normalise, pdfText } from './pdf-text.ts';

// The documents of a legal action (issue 16): what CPC 1407 asks of a requête en injonction de
// payer is in the PDF's text (parties, amount with the décompte of each element, basis, bordereau),
// the court is addressed by its kind, and the other documents carry what their recipient needs.

const fr = (cents: number): string => normalise(formatMoney(cents, 'EUR', 'fr'));

function common(debtor: 'company' | 'person' = 'company'): LegalDocumentCommon {
  const letter = debtor === 'company' ? professionalProps() : consumerProps();
  return {
    caseReference: letter.case.reference,
    agency: { name: 'Recouvra Conseil SAS', siren: '732829320', addressLines: ['12 rue de la Paix', '75002 Paris'], phone: '01 84 60 12 34', email: 'contact@recouvra-conseil.fr' },
    creditor: {
      legalName: 'Acme Fournitures SARL',
      kind: 'company',
      siren: '552100554',
      addressLines: ['5 avenue des Champs', '69001 Lyon'],
      mandate: { reference: 'MAND-2025-07', signedOn: '2025-01-02', validUntil: '2027-12-31', coversJudicial: true },
    },
    debtor:
      debtor === 'company'
        ? { kind: 'company', name: 'Boulangerie Dupont SAS', siren: '404833048', addressLines: ['3 place du Marché', '33000 Bordeaux'] }
        : { kind: 'person', name: 'Jean Durand', siren: null, addressLines: ['8 rue Victor Hugo', '59000 Lille'] },
    statement: { ...letter.statement, miseEnDemeureOn: '2025-05-01' },
    claims: letter.statement.lines.flatMap((line) =>
      line.kind === 'principal' ? [{ ref: line.claimRef, issueDate: line.issueDate, dueDate: line.dueDate, amountCents: line.amountCents, nature: 'Vente de marchandises' }] : [],
    ),
    place: 'Paris',
    date: '2025-09-15',
    signatory: 'Claire Martin, responsable contentieux',
  };
}

const PIECES: LegalPiece[] = [
  { number: 1, title: 'Facture FA-2025-001' },
  { number: 2, title: 'Mise en demeure', description: 'lettre recommandée L-2025-0042-3' },
  { number: 3, title: 'Décompte de la créance' },
  { number: 4, title: 'Attestation de mandat' },
];

describe('requête en injonction de payer', () => {
  it('carries the CPC 1407 mentions: parties, the décompte of each element, the basis and the bordereau', async () => {
    const props = { ...common(), court: { kind: 'tribunal_judiciaire' as const, name: 'Tribunal judiciaire de Bordeaux', addressLines: ['30 rue des Frères Bonie', '33000 Bordeaux'] }, pieces: PIECES };
    const { text } = await pdfText(await renderRequetePdf(props));
    expect(text).toContain('Requête en injonction de payer');
    expect(text).toContain('Cerfa n° 12948');
    expect(text).toContain('Madame, Monsieur le juge du Tribunal judiciaire de Bordeaux');
    for (const part of ['Juridiction saisie', 'Demandeur', 'Défendeur', 'Montant de la demande', 'Fondement de la créance', 'Bordereau des pièces', 'Date et signature']) expect(text).toContain(part);
    expect(text).toContain('Acme Fournitures SARL');
    expect(text).toContain('MAND-2025-07');
    expect(text).toContain('732829320');
    expect(text).toContain('Boulangerie Dupont SAS');
    expect(text).toContain('404833048');
    for (const line of props.statement.lines) expect(text).toContain(fr(line.kind === 'payment' ? 0 - line.amountCents : line.amountCents));
    expect(text).toContain('FA-2025-001');
    expect(text).toContain('FA-2025-014');
    expect(text).toContain('C. com. D441-5');
    expect(text).toContain(`Total réclamé décompte arrêté au 15/09/2025 ${fr(props.statement.totals.balanceCents)}`);
    expect(text).toContain('Pièce n° 4 Attestation de mandat');
    expect(text).toContain('Fait à Paris, le 15 septembre 2025');
  });

  it('is addressed to the president of a tribunal de commerce or des activités économiques', async () => {
    const base = common();
    for (const [kind, name] of [
      ['tribunal_commerce', 'Tribunal de commerce de Bordeaux'],
      ['tribunal_activites_economiques', 'Tribunal des activités économiques de Paris'],
    ] as const) {
      const { text } = await pdfText(await renderRequetePdf({ ...base, court: { kind, name, addressLines: ['1 quai'] }, pieces: PIECES }));
      expect(text).toContain(`Madame, Monsieur le président du ${name}`);
      expect(text).not.toContain('12948');
    }
  });
});

describe('the other documents of a legal action', () => {
  it('the bordereau numbers every pièce', async () => {
    const base = common();
    const { text } = await pdfText(await renderBordereauPdf({ ...base, accompanies: 'Requête en injonction de payer', recipient: 'Tribunal judiciaire de Bordeaux', pieces: PIECES }));
    expect(text).toContain('Bordereau de pièces communiquées');
    expect(text).toContain('Pièces (4)');
    for (const piece of PIECES) expect(text).toContain(`Pièce n° ${piece.number} ${piece.title}`);
  });

  it('the petites créances request names L125-1, the amount, the décompte and the pièces', async () => {
    const base = common('person');
    const { text } = await pdfText(
      await renderPetitesCreancesPdf({ ...base, commissaire: { etude: 'SCP Huissiers Réunis', name: 'Me Louise Martin', addressLines: ['2 rue Nationale', '59000 Lille'], email: 'etude@example.fr' }, pieces: PIECES }),
    );
    expect(text).toContain('L125-1');
    expect(text).toContain('Me Louise Martin');
    expect(text).toContain('Jean Durand');
    expect(text).toContain(fr(base.statement.totals.balanceCents));
    expect(text).toContain('ABO-778');
    expect(text).toContain('Paiement reçu, déduit');
    expect(text).toContain('Pièce n° 2 Mise en demeure');
    // No indemnity on a consumer's claim: none is claimed, and the requête's basis does not invoke it.
    expect(text).not.toContain('D441-5');
  });

  it('the hand-over summary has the title, the décompte, every contact and the payments', async () => {
    const base = common('person');
    const { text } = await pdfText(
      await renderHandoverPdf({
        ...base,
        commissaire: null,
        title: { description: 'Ordonnance portant injonction de payer revêtue de la formule exécutoire', on: '2025-08-01' },
        contacts: [
          { kind: 'address', value: '8 rue Victor Hugo, 59000 Lille', valid: true },
          { kind: 'email', value: 'jean.durand@example.fr', valid: false },
          { kind: 'phone', value: '+33612345678', valid: true },
        ],
        payments: [{ date: '2025-06-01', amountCents: 20_00, method: 'virement' }],
        pieces: PIECES,
      }),
    );
    expect(text).toContain('Ordonnance portant injonction de payer revêtue de la formule exécutoire');
    expect(text).toContain('jean.durand@example.fr (signalée invalide)');
    expect(text).toContain('+33612345678');
    expect(text).toContain(`01/06/2025 ${fr(20_00)} (virement)`);
    expect(text).toContain(fr(base.statement.totals.balanceCents));
  });

  it('the décompte, the mandate attestation and the proof of presentation', async () => {
    const base = common();
    expect((await pdfText(await renderDecomptePdf(base))).text).toContain(`Total réclamé décompte arrêté au 15/09/2025 ${fr(base.statement.totals.balanceCents)}`);
    const mandate = (await pdfText(await renderMandateAttestationPdf(base))).text;
    expect(mandate).toContain('mandat n° MAND-2025-07 signé le 02/01/2025');
    expect(mandate).toContain('démarches judiciaires');
    const proof = (
      await pdfText(
        await renderPresentationProofPdf({
          ...base,
          letterReference: 'L-2025-0042-3',
          sentOn: '2025-04-28',
          events: [{ label: 'Première présentation', at: '30/04/2025 10:12', provider: 'local_post', providerEventId: 'evt_123' }],
        }),
      )
    ).text;
    expect(proof).toContain('30/04/2025 10:12 Première présentation (prestataire local_post, événement evt_123)');
  });
});
