import { Button, Group, NativeSelect, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { staffRoles } from '@relance/contracts/auth';
import { type FormEvent, useState } from 'react';
import { ValidationDetails } from '../../../shared/components/states.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useCreateStaffUser } from '../api/staff.ts';
import { staffAdminMessages } from '../messages.ts';

type StaffRole = (typeof staffRoles)[number];

/** An admin opens an account with a temporary password (POST /users). */
export function NewStaffForm({ onDone }: { onDone: () => void }) {
  const t = useT(staffAdminMessages, staffMessages);
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as StaffRole, password: '', locale: 'fr' as 'fr' | 'en' });
  const create = useCreateStaffUser();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(form, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('staff.created', { name: form.name }) });
        onDone();
      },
    });
  };
  return (
    <form onSubmit={submit} data-testid="staff-form">
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label={t('staff.form.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} required data-autofocus data-testid="staff-name" />
          <TextInput type="email" label={t('staff.form.email')} value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} required data-testid="staff-email" />
          <NativeSelect
            label={t('staff.form.role')}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.currentTarget.value as StaffRole })}
            data={staffRoles.map((role) => ({ value: role, label: t.dyn(`role.${role}`, role) }))}
            data-testid="staff-role"
          />
          <NativeSelect
            label={t('staff.form.locale')}
            value={form.locale}
            onChange={(e) => setForm({ ...form, locale: e.currentTarget.value as 'fr' | 'en' })}
            data={[{ value: 'fr', label: 'Français' }, { value: 'en', label: 'English' }]}
          />
        </SimpleGrid>
        <PasswordInput label={t('staff.form.password')} description={t('staff.form.passwordHelp')} value={form.password} onChange={(e) => setForm({ ...form, password: e.currentTarget.value })} required minLength={12} data-testid="staff-password" />
        {create.isError && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(create.error)}
            <ValidationDetails error={create.error} />
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="submit" loading={create.isPending} data-testid="staff-create">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
