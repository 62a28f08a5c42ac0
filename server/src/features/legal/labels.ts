import type { LegalActionDto } from '@relance/contracts/legal-actions';
import type { LegalActionKind, LegalEventKind } from '@relance/domain/legal-procedure';

// Words the timeline and the managers' notifications use (French: the agency's working language;
// the screens translate the kinds and events themselves), and the payload of the legal_action.*
// webhooks.

const kindLabels: Record<LegalActionKind, string> = {
  injonction_de_payer: 'Injonction de payer',
  petites_creances: 'Procédure simplifiée de petites créances',
  commissaire_enforcement: 'Exécution par commissaire de justice',
};

const eventLabels: Record<LegalEventKind, string> = {
  filed: 'Requête déposée',
  order_rendered: 'Ordonnance rendue',
  order_rejected: 'Requête rejetée',
  served: 'Ordonnance signifiée',
  opposed: 'Opposition formée',
  hearing: 'Audience',
  judgment: 'Jugement rendu',
  final: 'Ordonnance définitive (titre exécutoire)',
  handed_over: 'Dossier transmis au commissaire de justice',
  invitation_sent: 'Invitation envoyée au débiteur',
  debtor_accepted: 'Accord du débiteur',
  debtor_refused: 'Refus du débiteur',
  debtor_silent: 'Silence du débiteur',
  title_delivered: 'Titre exécutoire délivré',
  act: 'Acte du commissaire de justice',
  completed: 'Exécution terminée',
  withdrawn: 'Procédure abandonnée',
  lapsed: 'Ordonnance caduque (non signifiée sous six mois, CPC 1411)',
};

export function legalKindLabel(kind: LegalActionKind): string {
  return kindLabels[kind];
}

export function legalEventLabel(event: LegalEventKind): string {
  return eventLabels[event];
}

/** The data of every legal_action.* webhook: enough for the creditor's system to follow the action. */
export function legalActionEventData(action: LegalActionDto): Record<string, unknown> {
  return {
    legalActionId: action.id,
    caseId: action.caseId,
    reference: action.caseReference,
    kind: action.kind,
    stage: action.stage,
    claimedCents: action.claimedCents,
    estimatedCostsCents: action.estimatedCosts.totalCents,
    awaiting: action.awaiting,
    dates: action.dates,
    deadlines: action.deadlines,
  };
}
