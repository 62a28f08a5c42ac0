import { Tabs } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useT } from '../i18n.ts';
import { staffMessages } from '../staff-messages.ts';

/** Staff view of one creditor: its profile and its API access, as two routed tabs. */
export function CreditorTabs({ creditorId, active }: { creditorId: string; active: 'profile' | 'api' }) {
  const t = useT(staffMessages);
  const navigate = useNavigate();
  const base = `/creditors/${encodeURIComponent(creditorId)}`;
  return (
    <Tabs value={active} onChange={(value) => navigate(value === 'api' ? `${base}/api` : base)} mb="md">
      <Tabs.List>
        <Tabs.Tab value="profile" data-testid="creditor-tab-profile">
          {t('creditors.tab.profile')}
        </Tabs.Tab>
        <Tabs.Tab value="api" data-testid="creditor-tab-api">
          {t('nav.integrations')}
        </Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
