import { Stack } from '@mantine/core';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { useT } from '../../../shared/i18n.ts';
import { ClosureProposalsPanel } from '../components/ClosureProposalsPanel.tsx';
import { ImminentPanel } from '../components/ImminentPanel.tsx';
import { prescriptionMessages } from '../messages.ts';

/** Managers and admins: cases entirely prescribed (to close) and claims about to prescribe (to act on). */
export function PrescriptionPage() {
  const t = useT(prescriptionMessages);
  return (
    <>
      <PageHeader title={t('page.title')} subtitle={t('page.subtitle')} />
      <Stack gap="md">
        <ClosureProposalsPanel />
        <ImminentPanel />
      </Stack>
    </>
  );
}
