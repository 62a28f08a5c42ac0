import { Alert, Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RgpdRequestChannel, RgpdRequestKind } from '@relance/contracts/rgpd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, LoadingState, ValidationDetails } from '../../../shared/components/states.tsx';
import { isBusinessDate, todayInParis } from '../../../shared/dates.ts';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { caseRgpdRequestsOptions, downloadDebtorData, useCreateRgpdRequest } from '../api/rgpd.ts';
import { rgpdMessages } from '../messages.ts';
import { RequestStatusBadge } from './RequestStatusBadge.tsx';

export const REQUEST_KINDS: readonly RgpdRequestKind[] = ['access', 'rectification', 'erasure'];
export const REQUEST_CHANNELS: readonly RgpdRequestChannel[] = ['email', 'letter', 'phone', 'portal', 'in_person', 'via_creditor'];

/**
 * On the case screen, for managers and admins: the debtor's data export (RGPD art. 15, JSON and a
 * PDF summary), the debtor's requests and a form to record a new one, and the case's access log.
 */
export function CaseRgpdCard({ caseId }: { caseId: string }) {
  const user = useUser();
  if (user.role !== 'admin' && user.role !== 'manager') return null;
  return <RgpdCard caseId={caseId} />;
}

function RgpdCard({ caseId }: { caseId: string }) {
  const t = useT(rgpdMessages, staffMessages);
  const requests = useQuery(caseRgpdRequestsOptions(caseId));
  const [exporting, setExporting] = useState<'json' | 'pdf' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const [formOpen, setFormOpen] = useState(false);

  async function exportData(format: 'json' | 'pdf') {
    setExportError(null);
    setExporting(format);
    try {
      await downloadDebtorData(caseId, format);
      notifications.show({ color: 'teal', message: t('rgpd.card.exported'), autoClose: 3000 });
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  }

  return (
    <Paper p="md" data-testid="case-rgpd">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="xs">
        <Stack gap={2} maw={640}>
          <Title order={4}>{t('rgpd.card.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('rgpd.card.text')}
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <Button variant="light" size="xs" loading={exporting === 'json'} onClick={() => void exportData('json')} data-testid="rgpd-export-json">
            {t('rgpd.card.exportJson')}
          </Button>
          <Button variant="light" size="xs" loading={exporting === 'pdf'} onClick={() => void exportData('pdf')} data-testid="rgpd-export-pdf">
            {t('rgpd.card.exportPdf')}
          </Button>
          <Button size="xs" onClick={() => setFormOpen(true)} data-testid="rgpd-new-request">
            {t('rgpd.card.newRequest')}
          </Button>
        </Group>
      </Group>
      {exportError ? (
        <Alert color="red" mb="sm" withCloseButton onClose={() => setExportError(null)}>
          {errorMessage(exportError)}
        </Alert>
      ) : null}
      <Group justify="space-between" mt="sm" mb={4}>
        <Text size="sm" fw={600}>
          {t('rgpd.card.requests')}
        </Text>
        <Group gap="md">
          <Anchor component={Link} to="/rgpd" size="sm">
            {t('rgpd.card.allRequests')}
          </Anchor>
          <Anchor component={Link} to={`/audit?caseId=${encodeURIComponent(caseId)}`} size="sm" data-testid="rgpd-audit-link">
            {t('rgpd.card.auditLink')}
          </Anchor>
        </Group>
      </Group>
      {requests.isPending ? (
        <LoadingState />
      ) : requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rgpd.card.noRequests')}
        </Text>
      ) : (
        <Table striped="even" data-testid="case-rgpd-requests">
          <Table.Tbody>
            {requests.data.items.map((request) => (
              <Table.Tr key={request.id}>
                <Table.Td>{t.dyn(`rgpd.kind.${request.kind}`, request.kind)}</Table.Td>
                <Table.Td>{request.requesterName}</Table.Td>
                <Table.Td>{t('rgpd.receivedShort', { date: formatDate(request.receivedOn, t.locale) })}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <RequestStatusBadge request={request} />
                    {request.overdue && (
                      <Badge color="red" variant="filled" size="sm">
                        {t('rgpd.overdue')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RequestFormModal caseId={caseId} opened={formOpen} onClose={() => setFormOpen(false)} />
    </Paper>
  );
}

/** Records a request: who asked, how, when (the one-month deadline runs from it) and what. */
function RequestFormModal({ caseId, opened, onClose }: { caseId: string; opened: boolean; onClose: () => void }) {
  const t = useT(rgpdMessages, staffMessages);
  const create = useCreateRgpdRequest(caseId);
  const today = todayInParis();
  const blank = { kind: 'access' as RgpdRequestKind, requesterName: '', channel: 'letter' as RgpdRequestChannel, receivedOn: today, details: '' };
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Partial<Record<keyof typeof blank, string>>>({});

  function close() {
    setForm(blank);
    setErrors({});
    create.reset();
    onClose();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!form.requesterName.trim()) next.requesterName = t('common.required');
    if (!form.details.trim()) next.details = t('common.required');
    if (!isBusinessDate(form.receivedOn)) next.receivedOn = t('common.required');
    else if (form.receivedOn > today) next.receivedOn = t('rgpd.form.notInFuture');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate(
      { ...form, requesterName: form.requesterName.trim(), details: form.details.trim() },
      {
        onSuccess: (request) => {
          notifications.show({ color: 'teal', message: t('rgpd.form.saved', { date: formatDate(request.dueOn, t.locale) }), autoClose: 4000 });
          close();
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title={t('rgpd.form.title')} size="lg" data-testid="rgpd-request-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <NativeSelect
              label={t('rgpd.form.kind')}
              value={form.kind}
              onChange={(event) => setForm({ ...form, kind: event.currentTarget.value as RgpdRequestKind })}
              data={REQUEST_KINDS.map((kind) => ({ value: kind, label: t.dyn(`rgpd.kind.${kind}`, kind) }))}
              data-testid="rgpd-form-kind"
            />
            <NativeSelect
              label={t('rgpd.form.channel')}
              value={form.channel}
              onChange={(event) => setForm({ ...form, channel: event.currentTarget.value as RgpdRequestChannel })}
              data={REQUEST_CHANNELS.map((channel) => ({ value: channel, label: t.dyn(`rgpd.channel.${channel}`, channel) }))}
              data-testid="rgpd-form-channel"
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('rgpd.form.requester')}
              description={t('rgpd.form.requesterHelp')}
              value={form.requesterName}
              maxLength={200}
              onChange={(event) => setForm({ ...form, requesterName: event.currentTarget.value })}
              error={errors.requesterName}
              required
              data-testid="rgpd-form-requester"
            />
            <TextInput
              type="date"
              label={t('rgpd.form.receivedOn')}
              description={t('rgpd.form.receivedHelp')}
              value={form.receivedOn}
              max={today}
              onChange={(event) => setForm({ ...form, receivedOn: event.currentTarget.value })}
              error={errors.receivedOn}
              required
              data-testid="rgpd-form-received"
            />
          </Group>
          <Textarea
            label={t('rgpd.form.details')}
            autosize
            minRows={3}
            maxLength={4000}
            value={form.details}
            onChange={(event) => setForm({ ...form, details: event.currentTarget.value })}
            error={errors.details}
            required
            data-testid="rgpd-form-details"
          />
          {create.isError && (
            <Alert color="red">
              {errorMessage(create.error)}
              <ValidationDetails error={create.error} />
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="rgpd-form-submit">
              {t('rgpd.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
