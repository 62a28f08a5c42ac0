import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CaseDetail } from '@relance/contracts/cases';
import type { DecideRgpdRequestBody, RectificationChanges, RgpdRequest, RgpdRequestStatus } from '@relance/contracts/rgpd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { EmptyBlock, ErrorState, LoadingState, ValidationDetails } from '../../../shared/components/states.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { debtorOfCaseOptions, rgpdRequestsOptions, useDecideRgpdRequest } from '../api/rgpd.ts';
import { RequestStatusBadge } from '../components/RequestStatusBadge.tsx';
import { rgpdMessages } from '../messages.ts';

const FILTERS = ['pending', 'done', 'refused', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/** Managers' list of the debtors' RGPD requests: the pending ones first, the most urgent first (one month, art. 12(3)). */
export function RgpdRequestsPage() {
  const t = useT(rgpdMessages, staffMessages);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('status') as Filter | null;
  const filter: Filter = requested && FILTERS.includes(requested) ? requested : 'pending';
  const query = useQuery(rgpdRequestsOptions(filter as RgpdRequestStatus | 'all'));
  const [open, setOpen] = useState<RgpdRequest | null>(null);

  return (
    <>
      <PageHeader
        title={t('rgpd.list.title')}
        subtitle={t('rgpd.list.subtitle')}
        actions={
          <SegmentedControl
            value={filter}
            onChange={(value) => setSearchParams({ status: value }, { replace: true })}
            data={FILTERS.map((value) => ({ value, label: t(`rgpd.filter.${value}`) }))}
            data-testid="rgpd-filter"
          />
        }
      />
      <Paper p="md">
        <QueryTable
          query={query}
          items={(data) => data.items}
          testId="rgpd-requests"
          minWidth={900}
          empty={<EmptyBlock title={t('rgpd.empty')}>{t('rgpd.emptyHelp')}</EmptyBlock>}
          headers={[
            t('rgpd.col.received'),
            t('rgpd.col.due'),
            t('rgpd.col.case'),
            t('rgpd.col.debtor'),
            t('rgpd.col.kind'),
            t('rgpd.col.requester'),
            t('rgpd.col.status'),
            '',
          ]}
        >
          {(items) =>
            items.map((request) => (
              <Table.Tr key={request.id} data-testid="rgpd-request-row">
                <Table.Td>{formatDate(request.receivedOn, t.locale)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{formatDate(request.dueOn, t.locale)}</Text>
                    {request.overdue && (
                      <Badge color="red" variant="filled" size="sm" miw="max-content">
                        {t('rgpd.overdue')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${request.caseId}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {request.caseReference}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{request.debtorName}</Text>
                  <Text size="xs" c="dimmed">
                    {request.creditorName}
                  </Text>
                </Table.Td>
                <Table.Td>{t.dyn(`rgpd.kind.${request.kind}`, request.kind)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{request.requesterName}</Text>
                  <Text size="xs" c="dimmed">
                    {t.dyn(`rgpd.channel.${request.channel}`, request.channel)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RequestStatusBadge request={request} />
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant={request.status === 'pending' ? 'filled' : 'subtle'} onClick={() => setOpen(request)} data-testid="rgpd-open">
                    {request.status === 'pending' ? t('rgpd.decide') : t('rgpd.view')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))
          }
        </QueryTable>
      </Paper>
      {open && <DecisionModal request={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function DecisionModal({ request, onClose }: { request: RgpdRequest; onClose: () => void }) {
  const t = useT(rgpdMessages, staffMessages);
  const decide = useDecideRgpdRequest();
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);
  const [decided, setDecided] = useState<RgpdRequest | null>(request.status === 'pending' ? null : request);

  function send(body: DecideRgpdRequestBody) {
    decide.mutate(
      { id: request.id, body },
      {
        onSuccess: (result) => {
          setDecided(result);
          notifications.show({ color: result.status === 'refused' ? 'orange' : 'teal', message: t('rgpd.decide.decided'), autoClose: 3000 });
        },
      },
    );
  }

  function refuse() {
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    send({ decision: 'refuse', reason: reason.trim() });
  }

  return (
    <Modal opened onClose={onClose} title={t('rgpd.decide.title', { requester: request.requesterName })} size="xl" data-testid="rgpd-decision">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Info label={t('rgpd.col.kind')} value={t.dyn(`rgpd.kind.${request.kind}`, request.kind)} />
          <Info label={t('rgpd.col.case')} value={`${request.caseReference} · ${request.debtorName}`} />
          <Info label={t('rgpd.col.due')} value={formatDate(request.dueOn, t.locale)} />
        </SimpleGrid>
        <Paper withBorder p="sm" bg="gray.0">
          <Text size="xs" c="dimmed">
            {t('rgpd.decide.details')} · {t.dyn(`rgpd.channel.${request.channel}`, request.channel)} ·{' '}
            {t('rgpd.receivedShort', { date: formatDate(request.receivedOn, t.locale) })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="rgpd-details">
            {request.details}
          </Text>
          {request.recordedBy && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('rgpd.recordedBy', { name: request.recordedBy, date: formatDateTime(request.recordedAt, t.locale) })}
            </Text>
          )}
        </Paper>

        {decided ? (
          <Decided request={decided} />
        ) : (
          <>
            {request.kind === 'access' && (
              <Stack gap="xs">
                <Text size="sm">{t('rgpd.decide.answerHelp')}</Text>
                <Group>
                  <Button onClick={() => send({ decision: 'answer' })} loading={decide.isPending} data-testid="rgpd-answer">
                    {t('rgpd.decide.answer')}
                  </Button>
                </Group>
              </Stack>
            )}
            {request.kind === 'rectification' && <RectifyForm caseId={request.caseId} pending={decide.isPending} onSubmit={(changes) => send({ decision: 'rectify', changes })} />}
            {request.kind === 'erasure' && (
              <Stack gap="xs">
                <Text size="sm">{t('rgpd.decide.eraseHelp')}</Text>
                {request.claimOpen && (
                  <Alert color="orange" data-testid="rgpd-claim-open">
                    {t('rgpd.decide.claimOpen')}
                  </Alert>
                )}
                {confirmErase ? (
                  <Group>
                    <Text size="sm" fw={600}>
                      {t('rgpd.decide.eraseConfirm')}
                    </Text>
                    <Button color="red" onClick={() => send({ decision: 'erase' })} loading={decide.isPending} data-testid="rgpd-erase-confirm">
                      {t('rgpd.decide.erase')}
                    </Button>
                    <Button variant="default" onClick={() => setConfirmErase(false)}>
                      {t('common.cancel')}
                    </Button>
                  </Group>
                ) : (
                  <Group>
                    <Button color="red" variant="light" onClick={() => setConfirmErase(true)} data-testid="rgpd-erase">
                      {t('rgpd.decide.erase')}
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
            <Stack gap={6} mt="sm">
              <Textarea
                label={t('rgpd.decide.refuseReason')}
                autosize
                minRows={2}
                maxLength={2000}
                value={reason}
                onChange={(event) => {
                  setReason(event.currentTarget.value);
                  setReasonMissing(false);
                }}
                error={reasonMissing ? t('rgpd.decide.reasonRequired') : null}
                data-testid="rgpd-refuse-reason"
              />
              <Group>
                <Button color="orange" variant="light" onClick={refuse} loading={decide.isPending} data-testid="rgpd-refuse">
                  {t('rgpd.decide.refuse')}
                </Button>
              </Group>
            </Stack>
            {decide.isError && (
              <Alert color="red">
                {errorMessage(decide.error)}
                <ValidationDetails error={decide.error} />
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}

function Info({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Stack>
  );
}

function Decided({ request }: { request: RgpdRequest }) {
  const t = useT(rgpdMessages, staffMessages);
  return (
    <Stack gap="xs" data-testid="rgpd-decided">
      <Group gap="sm">
        <RequestStatusBadge request={request} />
        {request.decidedAt && request.decidedBy && (
          <Text size="sm" c="dimmed">
            {t('rgpd.decide.by', { date: formatDateTime(request.decidedAt, t.locale), name: request.decidedBy })}
          </Text>
        )}
      </Group>
      {request.refusal && (
        <Alert color="orange" title={t('rgpd.decide.refusedNotice')} data-testid="rgpd-refusal">
          {request.refusal.reason}
        </Alert>
      )}
      {request.rectifiedFields && (
        <Text size="sm">{t('rgpd.decide.fields', { fields: request.rectifiedFields.map((field) => t.dyn(`rgpd.field.${field}`, field)).join(', ') })}</Text>
      )}
    </Stack>
  );
}

type ContactDraft = { kind: 'email' | 'phone' | 'address'; id: string; value: string; original: string; remove: boolean; postalCode?: string; city?: string };

/** The debtor's identity and contacts as recorded, editable; only what changed is sent. */
function RectifyForm({ caseId, pending, onSubmit }: { caseId: string; pending: boolean; onSubmit: (changes: RectificationChanges) => void }) {
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
  const [contacts, setContacts] = useState<ContactDraft[]>([
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
  ]);
  const [nothing, setNothing] = useState(false);

  function update(id: string, patch: Partial<ContactDraft>) {
    setContacts((list) => list.map((contact) => (contact.id === id ? { ...contact, ...patch } : contact)));
    setNothing(false);
  }

  function submit() {
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
            <Group key={contact.id} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                size="xs"
                style={{ flex: 2 }}
                label={t.dyn(`rgpd.contact.${contact.kind}`, contact.kind)}
                value={contact.value}
                disabled={contact.remove}
                onChange={(event) => update(contact.id, { value: event.currentTarget.value })}
              />
              {contact.kind === 'address' && (
                <>
                  <TextInput size="xs" w={90} label={t('rgpd.contact.postalCode')} value={contact.postalCode ?? ''} disabled={contact.remove} onChange={(event) => update(contact.id, { postalCode: event.currentTarget.value })} />
                  <TextInput size="xs" style={{ flex: 1 }} label={t('rgpd.contact.city')} value={contact.city ?? ''} disabled={contact.remove} onChange={(event) => update(contact.id, { city: event.currentTarget.value })} />
                </>
              )}
              <Checkbox
                size="xs"
                mb={6}
                label={t('rgpd.decide.remove')}
                checked={contact.remove}
                onChange={(event) => update(contact.id, { remove: event.currentTarget.checked })}
              />
            </Group>
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
