import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { CaseDetail } from '@relance/contracts/cases';
import type { ReactNode } from 'react';
import { useT } from '../../../shared/i18n.ts';
import { useSetContactValidity } from '../api/case-work.ts';
import { casesMessages } from '../messages.ts';

/** The debtor's phones, e-mails and addresses, each with its validity (a toggle for staff). */
export function DebtorContacts({ detail, canWork }: { detail: CaseDetail; canWork: boolean }) {
  const t = useT(casesMessages);
  const toggle = (kind: 'email' | 'phone' | 'address', contactId: string) => (canWork ? { caseId: detail.id, kind, contactId } : undefined);
  const { emails, phones, addresses } = detail.debtor;
  const none = emails.length + phones.length + addresses.length === 0;
  return (
    <Paper p="md" data-testid="debtor-contacts">
      <Title order={4} mb="sm">
        {t('case.contacts')}
      </Title>
      {none ? (
        <Text size="sm" c="dimmed">
          {t('case.noContact')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <ContactColumn title={t('case.phones')}>
            {phones.map((phone) => (
              <Group key={phone.id} gap={6} wrap="nowrap">
                <Anchor href={`tel:${phone.phone}`} size="sm" td={phone.valid ? undefined : 'line-through'} c={phone.valid ? undefined : 'dimmed'}>
                  {phone.phone}
                </Anchor>
                <Validity valid={phone.valid} toggle={toggle('phone', phone.id)} />
              </Group>
            ))}
          </ContactColumn>
          <ContactColumn title={t('case.emails')}>
            {emails.map((email) => (
              <Group key={email.id} gap={6} wrap="nowrap">
                <Text size="sm" truncate style={{ minWidth: 0 }} td={email.valid ? undefined : 'line-through'} c={email.valid ? undefined : 'dimmed'}>
                  {email.email}
                </Text>
                <Validity valid={email.valid} toggle={toggle('email', email.id)} />
              </Group>
            ))}
          </ContactColumn>
          <ContactColumn title={t('case.addresses')}>
            {addresses.map((address) => (
              <Group key={address.id} gap={6} wrap="nowrap" align="flex-start">
                <Text size="sm" c={address.valid ? undefined : 'dimmed'} style={{ flex: 1, minWidth: 0 }}>
                  {address.line1}
                  <br />
                  {address.postalCode} {address.city}
                  {address.country !== 'FR' ? ` (${address.country})` : ''}
                </Text>
                <Validity valid={address.valid} toggle={toggle('address', address.id)} />
              </Group>
            ))}
          </ContactColumn>
        </SimpleGrid>
      )}
    </Paper>
  );
}


/** A contact's validity flag; staff click it to mark the contact invalid (or valid again). */
function Validity({
  valid,
  toggle,
}: {
  valid: boolean;
  toggle?: { caseId: string; kind: 'email' | 'phone' | 'address'; contactId: string } | undefined;
}) {
  const t = useT(casesMessages);
  if (toggle) return <ValidityToggle valid={valid} {...toggle} />;
  return (
    <Badge
      size="xs"
      variant="light"
      color={valid ? 'teal' : 'red'}
      style={{ flexShrink: 0, overflow: 'visible' }}
      data-testid="contact-validity"
      data-valid={valid}
    >
      {valid ? t('common.valid') : t('common.invalid')}
    </Badge>
  );
}

function ValidityToggle({ valid, caseId, kind, contactId }: { valid: boolean; caseId: string; kind: 'email' | 'phone' | 'address'; contactId: string }) {
  const t = useT(casesMessages);
  const mutation = useSetContactValidity(caseId);
  return (
    <Tooltip label={valid ? t('caseWork.markInvalid') : t('caseWork.markValid')} withArrow>
      <Badge
        component="button"
        type="button"
        size="xs"
        variant="light"
        color={valid ? 'teal' : 'red'}
        style={{ flexShrink: 0, overflow: 'visible', cursor: 'pointer', border: 0 }}
        data-testid="contact-validity"
        data-valid={valid}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ kind, contactId, valid: !valid })}
      >
        {valid ? t('common.valid') : t('common.invalid')}
      </Badge>
    </Tooltip>
  );
}
function ContactColumn({ title, children }: { title: string; children: ReactNode[] }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      {children.length > 0 ? children : <Text size="sm" c="dimmed">—</Text>}
    </Stack>
  );
}
