import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, LoadingState, } from '../../../shared/components/states.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { caseRgpdRequestsOptions, downloadDebtorData, } from '../api/rgpd.ts';
import { rgpdMessages } from '../messages.ts';
import { RequestFormModal } from './RequestFormModal.tsx';
import { RequestStatusBadge } from './RequestStatusBadge.tsx';

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
      <CaseRequests caseId={caseId} />
      <RequestFormModal caseId={caseId} opened={formOpen} onClose={() => setFormOpen(false)} />
    </Paper>
  );
}

/** The case's requests, with links to every request and to the case's access log. */
function CaseRequests({ caseId }: { caseId: string }) {
  const t = useT(rgpdMessages, staffMessages);
  const requests = useQuery(caseRgpdRequestsOptions(caseId));
  return (
    <>
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
    </>
  );
}
