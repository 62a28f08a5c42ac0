import { NativeSelect, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CreditorRole, Invitation } from '@relance/contracts/creditors';
import { type FormEvent, useState } from 'react';
import { SubmitRow } from '../../../shared/components/SubmitRow.tsx';
import { type Locale, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useCreateInvitation } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';
import { LocaleSelect } from './LocaleSelect.tsx';
import { PersonFields } from './PersonFields.tsx';

/** Who to invite (e-mail, name, role, language); the sent invitation goes back to the card. */
export function InvitationForm({ creditorId, onSent }: { creditorId: string; onSent: (invitation: Invitation) => void }) {
  const t = useT(creditorsMessages, staffMessages);
  const mutation = useCreateInvitation(creditorId);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<CreditorRole>('uploader');
  const [locale, setLocale] = useState<Locale>(t.locale);
  const [touched, setTouched] = useState(false);

  const emailOk = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!emailOk || !name.trim()) return;
    mutation.mutate(
      { email: email.trim(), name: name.trim(), creditorRole: role, locale },
      {
        onSuccess: (invitation) => {
          onSent(invitation);
          notifications.show({ color: 'teal', message: t('invitations.sent', { email: invitation.email }) });
          setEmail('');
          setName('');
          setTouched(false);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="invite-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PersonFields
            email={email}
            onEmail={setEmail}
            emailError={touched && !emailOk ? t('invitations.emailInvalid') : null}
            name={name}
            onName={setName}
            nameError={touched && !name.trim() ? t('common.required') : null}
            testIdPrefix="invite"
          />
          <NativeSelect
            label={t('invitations.role')}
            description={t.dyn(`invitations.roleHelp.${role}`, '')}
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as CreditorRole)}
            data={[
              { value: 'uploader', label: t('invitations.role.uploader') },
              { value: 'viewer', label: t('invitations.role.viewer') },
            ]}
            data-testid="invite-role"
          />
          <LocaleSelect label={t('creditors.userLocale')} value={locale} onChange={setLocale} testId="invite-locale" />
        </SimpleGrid>
        <SubmitRow mutation={mutation} label={t('invitations.send')} testId="invite-submit" />
      </Stack>
    </form>
  );
}
