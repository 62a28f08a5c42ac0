import { Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { type MessageKey, useT } from '../../../shared/i18n.ts';
import { moneyMessages } from '../messages.ts';

const sections: { path: string; label: MessageKey<typeof moneyMessages> }[] = [
  { path: 'bank', label: 'finance.tab.bank' },
  { path: 'reconciliation', label: 'finance.tab.reconciliation' },
  { path: 'journal', label: 'finance.tab.journal' },
  { path: 'trial-balance', label: 'finance.tab.trialBalance' },
  { path: 'remittances', label: 'finance.tab.remittances' },
  { path: 'receipts', label: 'finance.tab.receipts' },
  { path: 'invoices', label: 'finance.tab.invoices' },
];

/** The Finance section: one tab per screen (arrow keys move between tabs), the screen under it. */
export function FinanceLayout() {
  const t = useT(moneyMessages);
  const location = useLocation();
  const navigate = useNavigate();
  const current = sections.find((section) => location.pathname.startsWith(`/finance/${section.path}`))?.path ?? 'bank';
  return (
    <>
      <PageHeader title={t('finance.title')} subtitle={t('finance.subtitle')} />
      <Tabs value={current} onChange={(value) => value && navigate(`/finance/${value}`)} mb="md" keepMounted={false}>
        <Tabs.List>
          {sections.map((section) => (
            <Tabs.Tab key={section.path} value={section.path} data-testid={`finance-tab-${section.path}`}>
              {t(section.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
