import '@mantine/charts/styles.css';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { CreditorLegalView } from '../components/CreditorLegalView.tsx';
import { LegalBoard } from '../components/LegalBoard.tsx';
import { legalMessages } from '../messages.ts';

/** /legal: the agency's board of legal actions by stage, or a creditor's proposals and procedures. */
export function LegalPage() {
  const t = useT(legalMessages);
  const user = useUser();
  const isCreditor = user.role === 'creditor';
  return (
    <>
      <PageHeader
        title={isCreditor ? t('legal.creditorTitle') : t('legal.boardTitle')}
        subtitle={isCreditor ? t('legal.creditorSubtitle') : t('legal.boardSubtitle')}
      />
      {isCreditor ? <CreditorLegalView /> : <LegalBoard />}
    </>
  );
}
