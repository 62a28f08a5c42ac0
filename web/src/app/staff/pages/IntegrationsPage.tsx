import { Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useParams } from 'react-router';
import { ApiKeysPanel } from '../../../features/api-keys/components/ApiKeysPanel.tsx';
import { creditorOptions } from '../../../features/creditors/api/creditors.ts';
import { creditorsMessages } from '../../../features/creditors/messages.ts';
import { WebhooksPanel } from '../../../features/webhooks/components/WebhooksPanel.tsx';
import { CreditorTabs } from '../../../shared/components/CreditorTabs.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { useT } from '../../../shared/i18n.ts';
import { homePathFor, useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { appMessages } from '../messages.ts';

/**
 * API keys and webhooks of one creditor (two features, put side by side by the app): staff reach
 * it as a tab of the creditor (/creditors/:id/api), the creditor's own users from their menu
 * (/integrations).
 */
export function IntegrationsPage() {
  const t = useT(appMessages, creditorsMessages, staffMessages);
  const user = useUser();
  const params = useParams();
  const creditorId = params.id ?? user.creditorId ?? '';
  const staffView = Boolean(params.id);
  const creditor = useQuery({ ...creditorOptions(creditorId), staleTime: 60_000, enabled: creditorId !== '' });

  if (!creditorId) return <Navigate to={homePathFor(user)} replace />;

  return (
    <Stack gap={0}>
      {staffView && (
        <Anchor component={Link} to="/creditors" size="sm" mb="xs">
          ← {t('creditors.title')}
        </Anchor>
      )}
      <PageHeader
        title={staffView ? (creditor.data?.brand.displayName ?? '…') : t('nav.integrations')}
        subtitle={staffView ? creditor.data?.legalName : t('integrations.subtitle')}
      />
      {staffView && <CreditorTabs creditorId={creditorId} active="api" />}
      <Stack gap="md">
        <ApiKeysPanel creditorId={creditorId} />
        <WebhooksPanel creditorId={creditorId} />
      </Stack>
    </Stack>
  );
}
