import { CaseDetailPage, type CaseScreenSlots } from '../../../features/cases/pages/CaseDetailPage.tsx';
import { CasesListPage } from '../../../features/cases/pages/CasesListPage.tsx';
import { CaseConsultationsCard } from '../../../features/consultations/components/CaseConsultationsCard.tsx';
import { CaseDocumentsCard } from '../../../features/documents/components/CaseDocumentsCard.tsx';
import { CaseDunningCard } from '../../../features/dunning/components/CaseDunningCard.tsx';
import { LegalPanel } from '../../../features/legal/components/LegalPanel.tsx';
import { CaseMessagesPanel } from '../../../features/messages/components/CaseMessagesPanel.tsx';
import { PlanPanel } from '../../../features/plans/components/PlanPanel.tsx';
import { PromiseSection } from '../../../features/promises/components/PromiseSection.tsx';
import { LeaseBanner } from '../../../features/queue/components/LeaseBanner.tsx';
import { NextCaseButton } from '../../../features/queue/components/NextCaseButton.tsx';
import { CaseRgpdCard } from '../../../features/rgpd/components/CaseRgpdCard.tsx';
import { useUser } from '../../../shared/session.ts';

// Features do not import each other: the app puts the queue, promise and plan panels into the
// case screens through their slots.

const caseSlots: CaseScreenSlots = {
  banner: (caseId) => <LeaseBanner caseId={caseId} />,
  side: ({ caseId, currency, today }) => <PromiseSection caseId={caseId} currency={currency} today={today} />,
  wide: ({ caseId, currency, balanceCents, today }) => (
    <PlanPanel caseId={caseId} currency={currency} balanceCents={balanceCents} today={today} />
  ),
  dispute: ({ caseId, openDisputeId }) => <CaseConsultationsCard caseId={caseId} openDisputeId={openDisputeId} />,
  legal: ({ caseId, currency }) => <LegalPanel caseId={caseId} currency={currency} />,
  documents: (caseId) => (
    <>
      <CaseDunningCard caseId={caseId} />
      <CaseMessagesPanel caseId={caseId} />
      <CaseDocumentsCard caseId={caseId} />
      <CaseRgpdCard caseId={caseId} />
    </>
  ),
};

/** The accountant reads the case (its receipts included); the work panels call endpoints refused to it. */
const accountantSlots: CaseScreenSlots = {};

export function CaseScreen() {
  const { role } = useUser();
  const slots = role === 'accountant' ? accountantSlots : caseSlots;
  return <CaseDetailPage slots={slots} />;
}

export function CasesListScreen() {
  const { role } = useUser();
  return <CasesListPage actions={role === 'accountant' ? undefined : <NextCaseButton size="md" testId="queue-next-list" />} />;
}
