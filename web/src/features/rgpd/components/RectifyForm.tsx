import { Button, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { CaseDetail } from '@relance/contracts/cases';
import type { RectificationChanges } from '@relance/contracts/rgpd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { debtorOfCaseOptions } from '../api/rgpd.ts';
import { rgpdMessages } from '../messages.ts';

type ContactDraft = { kind: 'email' | 'phone' | 'address'; id: string; value: string; original: string; remove: boolean; postalCode?: string; city?: string };

type Identity = { displayName: string; firstName: string; lastName: string; companyName: string };

/** The debtor's e-mails, phones and addresses as editable drafts, each remembering what was recorded. */
function contactDrafts(debtor: CaseDetail['debtor']): ContactDraft[] {
  return [
    ...debtor.emails.map((email) => ({ kind: 'email' as const, id: email.id, value: email.email, original: email.email, remove: false })),
    ...debtor.phones.map((phone) => ({ kind: 'phone' as const, id: phone.id, value: phone.phone, original: phone.phone, remove: false })),
    ...debtor.addresses.map((address) => ({
      kind: 'address' as const,
      id: address.id,
      value: address.line1,
      original: `${address.line1}|${address.postalCode}|${address.city}`,
      postalCode: address.postalCode,
      city: address.city,
      remove: false,
    })),
  ];
}

/** Only what changed: identity fields that differ, contacts edited or removed. */
function rectificationChanges(initial: Identity, identity: Identity, contacts: ContactDraft[]): RectificationChanges {
  const changes: RectificationChanges = {};
  const text = (value: string) => (value.trim() ? value.trim() : null);
  if (identity.displayName.trim() && identity.displayName.trim() !== initial.displayName) changes.displayName = identity.displayName.trim();
  if (identity.firstName.trim() !== initial.firstName) changes.firstName = text(identity.firstName);
  if (identity.lastName.trim() !== initial.lastName) changes.lastName = text(identity.lastName);
  if (identity.companyName.trim() !== initial.companyName) changes.companyName = text(identity.companyName);
  const removed = contacts.filter((contact) => contact.remove);
  const edited = contacts.filter((contact) => !contact.remove);
  const emails = edited.filter((c) => c.kind === 'email' && c.value.trim() !== c.original).map((c) => ({ id: c.id, email: c.value.trim() }));
  const phones = edited.filter((c) => c.kind === 'phone' && c.value.trim() !== c.original).map((c) => ({ id: c.id, phone: c.value.trim() }));
  const addresses = edited
    .filter((c) => c.kind === 'address' && `${c.value.trim()}|${c.postalCode?.trim()}|${c.city?.trim()}` !== c.original)
    .map((c) => ({ id: c.id, line1: c.value.trim(), postalCode: c.postalCode?.trim() ?? '', city: c.city?.trim() ?? '' }));
  if (emails.length) changes.emails = emails;
  if (phones.length) changes.phones = phones;
  if (addresses.length) changes.addresses = addresses;
  if (removed.length) changes.removeContacts = removed.map((c) => ({ kind: c.kind, id: c.id }));
  return changes;
}

/** The debtor's identity and contacts as recorded, editable; only what changed is sent. */
export function RectifyForm({ caseId, pending, onSubmit }: { caseId: string; pending: boolean; onSubmit: (changes: RectificationChanges) => void }) {
  const debtor = useQuery(debtorOfCaseOptions(caseId));
  if (debtor.isPending) return <LoadingState />;
  if (debtor.isError) return <ErrorState error={debtor.error} onRetry={() => void debtor.refetch()} />;
  return <RectifyFields key={caseId} debtor={debtor.data} pending={pending} onSubmit={onSubmit} />;
}

function RectifyFields({
  debtor,
  pending,
  onSubmit,
}: {
  debtor: CaseDetail['debtor'];
  pending: boolean;
  onSubmit: (changes: RectificationChanges) => void;
}) {
  const t = useT(rgpdMessages, staffMessages);
  const initial = {
    displayName: debtor.displayName,
    firstName: debtor.firstName ?? '',
    lastName: debtor.lastName ?? '',
    companyName: debtor.companyName ?? '',
  };
  const [identity, setIdentity] = useState(initial);
  const [contacts, setContacts] = useState(() => contactDrafts(debtor));
  const [nothing, setNothing] = useState(false);

  function update(id: string, patch: Partial<ContactDraft>) {
    setContacts((list) => list.map((contact) => (contact.id === id ? { ...contact, ...patch } : contact)));
    setNothing(false);
  }

  function submit() {
    const changes = rectificationChanges(initial, identity, contacts);
    if (Object.keys(changes).length === 0) {
      setNothing(true);
      return;
    }
    onSubmit(changes);
  }

  const set = (field: keyof typeof initial) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setIdentity({ ...identity, [field]: event.currentTarget.value });
    setNothing(false);
  };

  return (
    <Stack gap="xs" data-testid="rgpd-rectify">
      <Text size="sm">{t('rgpd.decide.rectifyHelp')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('rgpd.field.displayName')} value={identity.displayName} onChange={set('displayName')} maxLength={200} data-testid="rgpd-display-name" />
        {debtor.kind === 'person' ? (
          <>
            <TextInput label={t('rgpd.field.firstName')} value={identity.firstName} onChange={set('firstName')} maxLength={100} />
            <TextInput label={t('rgpd.field.lastName')} value={identity.lastName} onChange={set('lastName')} maxLength={100} data-testid="rgpd-last-name" />
          </>
        ) : (
          <TextInput label={t('rgpd.field.companyName')} value={identity.companyName} onChange={set('companyName')} maxLength={200} />
        )}
      </SimpleGrid>
      {contacts.length > 0 && (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('rgpd.decide.contacts')}
          </Text>
          {contacts.map((contact) => (
            <ContactRow key={contact.id} contact={contact} onChange={(patch) => update(contact.id, patch)} />
          ))}
        </Stack>
      )}
      {nothing && (
        <Text size="sm" c="red">
          {t('rgpd.decide.nothingChanged')}
        </Text>
      )}
      <Group>
        <Button onClick={submit} loading={pending} data-testid="rgpd-rectify-submit">
          {t('rgpd.decide.rectify')}
        </Button>
      </Group>
    </Stack>
  );
}

function ContactRow({ contact, onChange }: { contact: ContactDraft; onChange: (patch: Partial<ContactDraft>) => void }) {
  const t = useT(rgpdMessages, staffMessages);
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        size="xs"
        style={{ flex: 2 }}
        label={t.dyn(`rgpd.contact.${contact.kind}`, contact.kind)}
        value={contact.value}
        disabled={contact.remove}
        onChange={(event) => onChange({ value: event.currentTarget.value })}
      />
      {contact.kind === 'address' && (
        <>
          <TextInput size="xs" w={90} label={t('rgpd.contact.postalCode')} value={contact.postalCode ?? ''} disabled={contact.remove} onChange={(event) => onChange({ postalCode: event.currentTarget.value })} />
          <TextInput size="xs" style={{ flex: 1 }} label={t('rgpd.contact.city')} value={contact.city ?? ''} disabled={contact.remove} onChange={(event) => onChange({ city: event.currentTarget.value })} />
        </>
      )}
      <Checkbox
        size="xs"
        mb={6}
        label={t('rgpd.decide.remove')}
        checked={contact.remove}
        onChange={(event) => onChange({ remove: event.currentTarget.checked })}
      />
    </Group>
  );
}
