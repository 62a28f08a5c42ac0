import { Badge, Paper, PasswordInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { SubmitRow } from '../../../shared/components/SubmitRow.tsx';
import type { Locale } from '../../../shared/i18n.ts';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { creditorUsersOptions, useCreateUser } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';
import { LocaleSelect } from './LocaleSelect.tsx';
import { PersonFields } from './PersonFields.tsx';

export function CreditorUsers({ creditorId }: { creditorId: string }) {
  const t = useT(creditorsMessages, staffMessages);
  const users = useQuery(creditorUsersOptions(creditorId));

  return (
    <Paper p="md">
      <Title order={4} mb="sm">
        {t('creditors.users')}
      </Title>
      <QueryTable
        query={users}
        items={(data) => data.items}
        empty={
          <Text size="sm" c="dimmed" mb="md">
            {t('creditors.noUsers')}
          </Text>
        }
        headers={[t('creditors.userName'), t('creditors.userEmail'), t('creditors.userLocale')]}
        testId="creditor-users"
        tableProps={{ mb: 'md' }}
      >
        {(items) =>
          items.map((user) => (
            <Table.Tr key={user.id} data-testid="creditor-user-row">
              <Table.Td fw={600}>{user.name}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>
                <Badge variant="light" color="gray">
                  {user.locale.toUpperCase()}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </QueryTable>
      <UserForm creditorId={creditorId} />
    </Paper>
  );
}

/** A creditor user created directly with a password (invitations let the person choose it instead). */
function UserForm({ creditorId }: { creditorId: string }) {
  const t = useT(creditorsMessages, staffMessages);
  const mutation = useCreateUser(creditorId);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<Locale>('fr');
  const [touched, setTouched] = useState(false);

  const passwordError = touched && password.length < 12 ? t('creditors.userPasswordHelp') : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!email.trim() || !name.trim() || password.length < 12) return;
    mutation.mutate(
      { email: email.trim(), name: name.trim(), role: 'creditor', creditorId, password, locale },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('creditors.userCreated') });
          setEmail('');
          setName('');
          setPassword('');
          setTouched(false);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="user-form">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          {t('creditors.newUser')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PersonFields
            email={email}
            onEmail={setEmail}
            emailError={touched && !email.trim() ? t('common.required') : null}
            name={name}
            onName={setName}
            nameError={touched && !name.trim() ? t('common.required') : null}
            testIdPrefix="user"
          />
          <PasswordInput
            label={t('creditors.userPassword')}
            description={t('creditors.userPasswordHelp')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={passwordError}
            data-testid="user-password"
          />
          <LocaleSelect label={t('creditors.userLocale')} value={locale} onChange={setLocale} testId="user-locale" />
        </SimpleGrid>
        <SubmitRow mutation={mutation} label={t('creditors.userCreate')} testId="user-submit" />
      </Stack>
    </form>
  );
}
