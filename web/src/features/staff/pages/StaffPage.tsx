import { Alert, Anchor, Badge, Button, Modal, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { staffRoles } from '@relance/contracts/auth';
import type { StaffUser } from '@relance/contracts/staff';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { staffOptions, useUpdateStaffUser } from '../api/staff.ts';
import { NewStaffForm } from '../components/NewStaffForm.tsx';
import { staffAdminMessages } from '../messages.ts';

/** Staff administration: admins change roles, deactivate and reactivate, open accounts; managers read. */
export function StaffPage() {
  const t = useT(staffAdminMessages, staffMessages);
  const me = useUser();
  const isAdmin = me.role === 'admin';
  const query = useQuery(staffOptions());
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('staff.title')}
        subtitle={t('staff.subtitle')}
        actions={isAdmin && <Button onClick={() => setCreating(true)} data-testid="staff-add">{t('staff.add')}</Button>}
      />
      {!isAdmin && <Alert color="gray">{t('staff.readOnly')}</Alert>}
      {isAdmin && (
        <Anchor component={Link} to="/agency" size="sm" data-testid="staff-totp-setting">
          {t('staff.totpSetting')}
        </Anchor>
      )}
      <Paper p="md">
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <EmptyBlock title={t('staff.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped="even" highlightOnHover data-testid="staff-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('staff.col.name')}</Table.Th>
                  <Table.Th>{t('staff.col.role')}</Table.Th>
                  <Table.Th>{t('staff.col.status')}</Table.Th>
                  <Table.Th>{t('staff.col.totp')}</Table.Th>
                  <Table.Th>{t('staff.col.lastLogin')}</Table.Th>
                  {isAdmin && <Table.Th>{t('staff.col.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((user) => (
                  <StaffRow key={user.id} user={user} isAdmin={isAdmin} isSelf={user.id === me.id} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('staff.add')} size="lg">
        {creating && <NewStaffForm onDone={() => setCreating(false)} />}
      </Modal>
    </Stack>
  );
}

function StaffRow({ user, isAdmin, isSelf }: { user: StaffUser; isAdmin: boolean; isSelf: boolean }) {
  const t = useT(staffAdminMessages, staffMessages);
  const update = useUpdateStaffUser();
  const roleName = (role: string) => t.dyn(`role.${role}`, role);
  const onError = (error: Error) => notifications.show({ color: 'red', message: errorMessage(error) });
  const changeRole = (role: StaffUser['role']) =>
    update.mutate({ id: user.id, body: { role } }, { onSuccess: () => notifications.show({ color: 'teal', message: t('staff.roleChanged', { name: user.name, role: roleName(role) }) }), onError });
  const setActive = (active: boolean) => {
    if (!active && !window.confirm(t('staff.deactivateConfirm', { name: user.name }))) return;
    update.mutate(
      { id: user.id, body: { active } },
      { onSuccess: () => notifications.show({ color: active ? 'teal' : 'gray', message: t(active ? 'staff.reactivated' : 'staff.deactivated', { name: user.name }) }), onError },
    );
  };
  return (
    <Table.Tr data-testid="staff-row" data-email={user.email} style={{ opacity: user.active ? 1 : 0.6 }}>
      <Table.Td>
        <Text size="sm" fw={600}>{user.name} {isSelf && <Text span size="xs" c="dimmed">{t('staff.you')}</Text>}</Text>
        <Text size="xs" c="dimmed">{user.email}</Text>
      </Table.Td>
      <Table.Td>
        {isAdmin && !isSelf ? (
          <NativeSelect size="xs" value={user.role} onChange={(e) => changeRole(e.currentTarget.value as StaffUser['role'])} data={staffRoles.map((role) => ({ value: role, label: roleName(role) }))} aria-label={t('staff.roleOf', { name: user.name })} disabled={update.isPending} data-testid="staff-role-select" />
        ) : (
          roleName(user.role)
        )}
      </Table.Td>
      <Table.Td>
        {user.active ? <Badge color="teal" variant="light">{t('staff.active')}</Badge> : <Badge color="gray" variant="light" miw="max-content" styles={{ label: { textTransform: 'none', overflow: 'visible' } }}>{t('staff.inactive', { date: formatDate(user.deactivatedAt?.slice(0, 10), t.locale) })}</Badge>}
      </Table.Td>
      <Table.Td>{user.totpEnabled ? <Badge color="teal" variant="light">{t('staff.totpOn')}</Badge> : <Text size="sm" c="dimmed">{t('staff.totpOff')}</Text>}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, t.locale) : t('staff.never')}</Table.Td>
      {isAdmin && (
        <Table.Td>
          {!isSelf && (
            <Button size="xs" variant="subtle" color={user.active ? 'red' : 'teal'} loading={update.isPending} onClick={() => setActive(!user.active)} data-testid="staff-toggle">
              {user.active ? t('staff.deactivate') : t('staff.reactivate')}
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
