import { Button, Stack, Text, Title } from '@mantine/core';
import { createBrowserRouter, Link, Navigate, useRouteError } from 'react-router';
import { AgencyPage } from '../../features/agency/pages/AgencyPage.tsx';
import { AuditPage } from '../../features/audit/pages/AuditPage.tsx';
import { AccountSecurityPage } from '../../features/auth/pages/AccountSecurityPage.tsx';
import { InvitationPage } from '../../features/auth/pages/InvitationPage.tsx';
import { LoginPage } from '../../features/auth/pages/LoginPage.tsx';
import { ConsultationsPage } from '../../features/consultations/pages/ConsultationsPage.tsx';
import { CreditorDetailPage } from '../../features/creditors/pages/CreditorDetailPage.tsx';
import { CreditorsListPage } from '../../features/creditors/pages/CreditorsListPage.tsx';
import { NewCreditorPage } from '../../features/creditors/pages/NewCreditorPage.tsx';
import { ImportsPage } from '../../features/imports/pages/ImportsPage.tsx';
import { CommissairesPage } from '../../features/legal/settings/CommissairesPage.tsx';
import { CourtsPage } from '../../features/legal/settings/CourtsPage.tsx';
import { OutboxPage } from '../../features/messages/pages/OutboxPage.tsx';
import { BankPage } from '../../features/money/pages/BankPage.tsx';
import { CreditorRemittancesPage } from '../../features/money/pages/CreditorRemittancesPage.tsx';
import { FinanceLayout } from '../../features/money/pages/FinanceLayout.tsx';
import { InvoicesPage } from '../../features/money/pages/InvoicesPage.tsx';
import { JournalPage } from '../../features/money/pages/JournalPage.tsx';
import { ReceiptsPage } from '../../features/money/pages/ReceiptsPage.tsx';
import { ReconciliationPage } from '../../features/money/pages/ReconciliationPage.tsx';
import { RemittancesPage } from '../../features/money/pages/RemittancesPage.tsx';
import { RunPage } from '../../features/money/pages/RunPage.tsx';
import { StatementPage } from '../../features/money/pages/StatementPage.tsx';
import { PaymentAnomaliesPage } from '../../features/payments/pages/PaymentAnomaliesPage.tsx';
import { ApprovalsPage } from '../../features/plans/pages/ApprovalsPage.tsx';
import { DebtorMessagesPage } from '../../features/portal-messages/pages/DebtorMessagesPage.tsx';
import { PortfoliosPage } from '../../features/portfolios/pages/PortfoliosPage.tsx';
import { PrescriptionPage } from '../../features/prescription/pages/PrescriptionPage.tsx';
import { RatesPage } from '../../features/rates/pages/RatesPage.tsx';
import { RgpdRequestsPage } from '../../features/rgpd/pages/RgpdRequestsPage.tsx';
import { StaffPage } from '../../features/staff/pages/StaffPage.tsx';
import { LetterWordingPage } from '../../features/wording/pages/LetterWordingPage.tsx';
import { errorMessage } from '../../shared/http.ts';
import { useT } from '../../shared/i18n.ts';
import { HomeRedirect, RequireAuth, RequireRole } from './guards.tsx';
import { StaffLayout } from './layouts/StaffLayout.tsx';
import { CaseScreen, CasesListScreen } from './pages/CaseScreens.tsx';
import { IntegrationsPage } from './pages/IntegrationsPage.tsx';

function RequireCreditorManagers() {
  return <RequireRole roles={['admin', 'manager']} />;
}

/** The books and the client account (issue 17): the agency's accountant, its managers and administrators. */
function RequireFinance() {
  return <RequireRole roles={['admin', 'manager', 'accountant']} />;
}

/** The creditors' list: those who set creditors up, and the accountant (read only: the list, no record). */
function RequireCreditorsList() {
  return <RequireRole roles={['admin', 'manager', 'accountant']} />;
}

function RequireReportsAccess() {
  return <RequireRole roles={['admin', 'manager', 'creditor']} />;
}

/** Agency staff read the rate table (admins also add to it); creditors have no use for it. */
function RequireStaff() {
  return <RequireRole roles={['admin', 'manager', 'agent']} />;
}

/** A creditor's own users manage their API keys and webhooks (staff use the creditor's tab). */
function RequireCreditorUser() {
  return <RequireRole roles={['creditor']} />;
}

function NotFound() {
  const t = useT();
  return (
    <Stack align="center" py={80} gap="sm">
      <Title order={2}>{t('common.notFound')}</Title>
      <Text c="dimmed">{t('common.notFoundText')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('common.back')}
      </Button>
    </Stack>
  );
}

function CrashPage() {
  const t = useT();
  const error = useRouteError();
  return (
    <Stack align="center" py={80} gap="sm">
      <Title order={2}>{t('common.error')}</Title>
      <Text c="dimmed">{errorMessage(error)}</Text>
      <Button onClick={() => window.location.reload()} variant="light">
        {t('common.retry')}
      </Button>
    </Stack>
  );
}

export const router = createBrowserRouter([
  { path: '/login', Component: LoginPage },
  // Public: the person invited has no account yet.
  { path: '/invitation/:token', Component: InvitationPage, ErrorBoundary: CrashPage },
  // The e-mail's link (built by the server) uses the plural.
  { path: '/invitations/:token', Component: InvitationPage, ErrorBoundary: CrashPage },
  {
    Component: RequireAuth,
    ErrorBoundary: CrashPage,
    children: [
      {
        Component: StaffLayout,
        children: [
          { index: true, Component: HomeRedirect },
          { path: 'cases', Component: CasesListScreen },
          { path: 'cases/:id', Component: CaseScreen },
          { path: 'account/security', Component: AccountSecurityPage },
          {
            // Staff read the board of legal actions, a creditor its own proposals (the API filters).
            // Charts: loaded only when the page is opened.
            path: 'legal',
            lazy: () => import('../../features/legal/pages/LegalPage.tsx').then((module) => ({ Component: module.LegalPage })),
          },
          {
            Component: RequireReportsAccess,
            children: [
              { path: 'imports', Component: ImportsPage },
              { path: 'letter-wording', Component: LetterWordingPage },
              {
                path: 'dashboard',
                // Charts (recharts) are only loaded by those who open the dashboard.
                lazy: () =>
                  import('../../features/reports/pages/DashboardPage.tsx').then((module) => ({
                    Component: module.DashboardPage,
                  })),
              },
            ],
          },
          {
            Component: RequireStaff,
            children: [
              { path: 'rates', Component: RatesPage },
              { path: 'agency', Component: AgencyPage },
              {
                path: 'dunning',
                // Charts: loaded only when the dunning screen is opened.
                lazy: () =>
                  import('../../features/dunning/pages/DunningPage.tsx').then((module) => ({ Component: module.DunningPage })),
              },
              { path: 'outbox', Component: OutboxPage },
              { path: 'debtor-messages', Component: DebtorMessagesPage },
            ],
          },
          {
            Component: RequireCreditorUser,
            children: [
              { path: 'integrations', Component: IntegrationsPage },
              { path: 'remittances', Component: CreditorRemittancesPage },
              { path: 'consultations', Component: ConsultationsPage },
            ],
          },
          {
            Component: RequireFinance,
            children: [
              {
                path: 'finance',
                Component: FinanceLayout,
                children: [
                  { index: true, element: <Navigate to="/finance/bank" replace /> },
                  { path: 'bank', Component: BankPage },
                  { path: 'bank/:id', Component: StatementPage },
                  { path: 'reconciliation', Component: ReconciliationPage },
                  { path: 'journal', Component: JournalPage },
                  {
                    path: 'trial-balance',
                    // Charts: loaded only when the trial balance is opened.
                    lazy: () =>
                      import('../../features/money/pages/TrialBalancePage.tsx').then((module) => ({ Component: module.TrialBalancePage })),
                  },
                  { path: 'remittances', Component: RemittancesPage },
                  { path: 'remittances/:id', Component: RunPage },
                  { path: 'receipts', Component: ReceiptsPage },
                  { path: 'invoices', Component: InvoicesPage },
                ],
              },
            ],
          },
          { Component: RequireCreditorsList, children: [{ path: 'creditors', Component: CreditorsListPage }] },
          {
            Component: RequireCreditorManagers,
            children: [
              { path: 'creditors/new', Component: NewCreditorPage },
              { path: 'creditors/:id', Component: CreditorDetailPage },
              { path: 'creditors/:id/api', Component: IntegrationsPage },
              { path: 'approvals', Component: ApprovalsPage },
              { path: 'prescription', Component: PrescriptionPage },
              { path: 'rgpd', Component: RgpdRequestsPage },
              { path: 'audit', Component: AuditPage },
              { path: 'portfolios', Component: PortfoliosPage },
              { path: 'staff', Component: StaffPage },
              { path: 'payment-anomalies', Component: PaymentAnomaliesPage },
              { path: 'settings/courts', Component: CourtsPage },
              { path: 'settings/commissaires', Component: CommissairesPage },
              {
                path: 'team',
                // Charts again: loaded only when the team board is opened.
                lazy: () =>
                  import('../../features/team/pages/TeamPage.tsx').then((module) => ({ Component: module.TeamPage })),
              },
            ],
          },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
]);
