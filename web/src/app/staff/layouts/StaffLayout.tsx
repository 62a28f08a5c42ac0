import { AppShell, Avatar, Box, Burger, Button, Group, NavLink, Stack, Text, useMantineTheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Role } from '@relance/contracts/auth';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { AgencyStatusAlert } from '../../../features/agency/components/AgencyStatusAlert.tsx';
import { ConsultationsCount } from '../../../features/consultations/components/ConsultationsCount.tsx';
import { LegalAwaitingCount } from '../../../features/legal/components/LegalAwaitingCount.tsx';
import { ApprovalsCount, NotificationsBell } from '../../../features/plans/components/NotificationsBell.tsx';
import { NextCaseButton, NextCaseHotkey, QueueEmptyAlert, QueueStatsBadge } from '../../../features/queue/components/NextCaseButton.tsx';
import { useAgencyBrand } from '../../../shared/brand.ts';
import { BrandMark, PoweredBy } from '../../../shared/components/BrandMark.tsx';
import { LanguageToggle } from '../../../shared/components/LanguageToggle.tsx';
import { type MessageKey, useT } from '../../../shared/i18n.ts';
import { logout, useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { appMessages } from '../messages.ts';

// Mirrors the API's access rules: agents work cases; imports and reports are for managers,
// admins and the creditor's own users; creditor set-up is for managers and admins; the
// interest rate table is read by all agency staff and maintained by admins.
const navItems: { to: string; label: (MessageKey<typeof appMessages> | MessageKey<typeof staffMessages>); roles: readonly Role[]; glyph: string; badge?: () => ReactNode }[] = [
  { to: '/dashboard', label: 'nav.dashboard', roles: ['creditor', 'admin', 'manager'], glyph: '▤' },
  { to: '/finance', label: 'nav.finance', roles: ['accountant', 'admin', 'manager'], glyph: '€' },
  { to: '/cases', label: 'nav.cases', roles: ['agent', 'manager', 'admin', 'accountant', 'creditor'], glyph: '☰' },
  { to: '/imports', label: 'nav.imports', roles: ['creditor', 'manager', 'admin'], glyph: '⇪' },
  { to: '/creditors', label: 'nav.creditors', roles: ['admin', 'manager', 'accountant'], glyph: '◈' },
  { to: '/approvals', label: 'nav.approvals', roles: ['admin', 'manager'], glyph: '✓', badge: () => <ApprovalsCount /> },
  { to: '/consultations', label: 'nav.consultations', roles: ['creditor'], glyph: '?', badge: () => <ConsultationsCount /> },
  { to: '/legal', label: 'nav.legal', roles: ['admin', 'manager', 'agent', 'creditor'], glyph: '⚖', badge: () => <LegalAwaitingCount /> },
  { to: '/prescription', label: 'nav.prescription', roles: ['admin', 'manager'], glyph: '◷' },
  { to: '/team', label: 'nav.team', roles: ['admin', 'manager'], glyph: '◔' },
  { to: '/portfolios', label: 'nav.portfolios', roles: ['admin', 'manager'], glyph: '▦' },
  { to: '/staff', label: 'nav.staff', roles: ['admin', 'manager'], glyph: '☺' },
  { to: '/dunning', label: 'nav.dunning', roles: ['admin', 'manager', 'agent'], glyph: '✉' },
  { to: '/rates', label: 'nav.rates', roles: ['admin', 'manager', 'agent'], glyph: '%' },
  { to: '/agency', label: 'nav.agency', roles: ['admin', 'manager', 'agent'], glyph: '⌂' },
  { to: '/settings/courts', label: 'nav.courts', roles: ['admin', 'manager'], glyph: '⚖' },
  { to: '/settings/commissaires', label: 'nav.commissaires', roles: ['admin', 'manager'], glyph: '⚑' },
  { to: '/outbox', label: 'nav.outbox', roles: ['admin', 'manager', 'agent'], glyph: '✉' },
  { to: '/debtor-messages', label: 'nav.debtorMessages', roles: ['admin', 'manager', 'agent'], glyph: '❝' },
  { to: '/letter-wording', label: 'nav.letterWording', roles: ['admin', 'manager', 'creditor'], glyph: '✎' },
  { to: '/integrations', label: 'nav.integrations', roles: ['creditor'], glyph: '⇄' },
  { to: '/remittances', label: 'nav.remittances', roles: ['creditor'], glyph: '€' },
  { to: '/payment-anomalies', label: 'nav.paymentAnomalies', roles: ['admin', 'manager'], glyph: '⚠' },
  { to: '/rgpd', label: 'nav.rgpd', roles: ['admin', 'manager'], glyph: '§' },
  { to: '/audit', label: 'nav.audit', roles: ['admin', 'manager'], glyph: '⌕' },
  { to: '/account/security', label: 'nav.accountSecurity', roles: ['admin', 'manager', 'agent', 'accountant', 'creditor'], glyph: '◎' },
];

// Agents start their day on the case queue, creditors on their results: order the menu accordingly.
const staffOrder = [
  '/cases',
  '/debtor-messages',
  '/finance',
  '/approvals',
  '/legal',
  '/prescription',
  '/team',
  '/portfolios',
  '/staff',
  '/outbox',
  '/letter-wording',
  '/imports',
  '/dashboard',
  '/creditors',
  '/payment-anomalies',
  '/rates',
  '/agency',
  '/settings/courts',
  '/settings/commissaires',
  '/rgpd',
  '/audit',
  '/account/security',
];

/**
 * Agents, managers and administrators work cases: the queue, its figures, the notifications and the
 * agency's status are theirs. The accountant reads cases but is refused the queue's endpoints, and
 * creditors have none of it.
 */
function worksTheQueue(role: Role): boolean {
  return role === 'admin' || role === 'manager' || role === 'agent';
}

export function StaffLayout() {
  const user = useUser();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const worksCases = worksTheQueue(user.role);
  const brand = useAgencyBrand();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <HeaderBar opened={opened} onToggle={toggle} />
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section grow>
          <NavMenu onNavigate={close} />
        </AppShell.Section>
        <AppShell.Section pt="sm">
          <PoweredBy brand={brand} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1280} mx="auto">
          {/* The agency page shows the same status itself, without the link to it. */}
          {worksCases && location.pathname !== '/agency' && <AgencyStatusAlert />}
          {worksCases && <QueueEmptyAlert />}
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

/** The top bar: menu button (small screens), the agency's brand, the queue's controls for staff, language, who is signed in, sign out. */
function HeaderBar({ opened, onToggle }: { opened: boolean; onToggle: () => void }) {
  const t = useT(appMessages, staffMessages);
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const worksCases = worksTheQueue(user.role);
  const brand = useAgencyBrand();

  async function signOut() {
    await logout().catch(() => undefined);
    queryClient.clear();
    navigate('/login', { replace: true });
  }

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={opened} onClick={onToggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
        <BrandMark brand={brand} size="sm" />
      </Group>
      <Group gap="md" wrap="nowrap">
        {worksCases && (
          <>
            <NextCaseHotkey />
            <Box visibleFrom="xs">
              <QueueStatsBadge />
            </Box>
            <NextCaseButton size="compact-md" />
            <NotificationsBell />
          </>
        )}
        <LanguageToggle />
        <CurrentUser />
        <Button variant="subtle" color="gray" size="compact-sm" onClick={signOut} data-testid="logout">
          {t('nav.logout')}
        </Button>
      </Group>
    </Group>
  );
}

function CurrentUser() {
  const t = useT(appMessages, staffMessages);
  const user = useUser();
  const { primaryColor } = useMantineTheme();
  return (
    <Group gap={8} wrap="nowrap" visibleFrom="sm">
      <Avatar size={30} radius="xl" color={primaryColor} name={user.name} />
      <Stack gap={0}>
        <Text size="sm" fw={600} lh={1.2} data-testid="current-user">
          {user.name}
        </Text>
        <Text size="xs" c="dimmed" lh={1.2}>
          {t.dyn(`role.${user.role}`, user.role)}
        </Text>
      </Stack>
    </Group>
  );
}

/** The accountant's day starts on the books; everyone else's on the cases. */
function orderFor(role: Role, path: string): number {
  if (role === 'accountant' && path === '/finance') return -1;
  return staffOrder.indexOf(path);
}

/** The pages this role may open, in the order it uses them. */
function NavMenu({ onNavigate }: { onNavigate: () => void }) {
  const t = useT(appMessages, staffMessages);
  const user = useUser();
  const location = useLocation();
  const items = navItems
    .filter((item) => item.roles.includes(user.role))
    .sort((a, b) =>
      user.role === 'creditor' ? 0 : orderFor(user.role, a.to) - orderFor(user.role, b.to),
    );
  return (
    <Stack gap={4}>
      {items.map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={t(item.label)}
          rightSection={item.badge?.()}
          leftSection={
            <Text span c="dimmed" w={16} ta="center">
              {item.glyph}
            </Text>
          }
          active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
          onClick={onNavigate}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          data-testid={`nav-${item.to.slice(1)}`}
        />
      ))}
    </Stack>
  );
}
