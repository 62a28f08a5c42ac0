import { Alert, Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { RemittanceRun } from '@relance/contracts/money';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { StatCard } from '../../../shared/components/StatCard.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { runOptions, useMarkRunSent } from '../api/money.ts';
import { Amount, DownloadButton, FlowStatusBadge } from '../components/common.tsx';
import { RefundByHandButton } from '../components/RefundByHandButton.tsx';
import { moneyMessages } from '../messages.ts';

/** One remittance run: each creditor's remittance, the refunds, every file, and "sent to the bank". */
export function RunPage() {
  const t = useT(moneyMessages);
  const { id = '' } = useParams();
  const query = useQuery(runOptions(id));
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/finance/remittances" size="sm">
        ← {t('rem.back')}
      </Anchor>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <RunView run={query.data} />
      )}
    </Stack>
  );
}

function RunView({ run }: { run: RemittanceRun }) {
  const t = useT(moneyMessages);
  const money = (cents: number) => formatMoney(cents, 'EUR', t.locale);
  return (
    <Stack gap="md" data-testid="run" data-status={run.status}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={3}>{t('rem.runTitle', { date: formatDate(run.through, t.locale) })}</Title>
            <FlowStatusBadge status={run.status} testId="run-status" />
          </Group>
          <Text size="sm" c="dimmed">
            {t('rem.runMeta', { created: formatDateTime(run.createdAt, t.locale), by: run.createdBy ?? '—' })}
            {run.sentAt ? ` · ${t('rem.sentAt', { at: formatDateTime(run.sentAt, t.locale) })}` : ''}
          </Text>
        </Stack>
        {run.status === 'draft' && <MarkSent run={run} />}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <StatCard label={t('rem.total')} value={money(run.totalCents)} valueSize={22} highlighted testId="run-total" />
        <StatCard label={t('rem.remittanceCount')} value={String(run.remittances.length)} valueSize={22} />
        <StatCard label={t('rem.refundCount')} value={String(run.refunds.length)} valueSize={22} />
      </SimpleGrid>
      <RemittancesTable run={run} />
      {run.refunds.length > 0 && <RefundsTable run={run} />}
      <FilesList run={run} />
    </Stack>
  );
}

function MarkSent({ run }: { run: RemittanceRun }) {
  const t = useT(moneyMessages);
  const [opened, { open, close }] = useDisclosure(false);
  const mark = useMarkRunSent();
  function confirm() {
    mark.mutate(run.id, {
      onSuccess: () => {
        close();
        notifications.show({ color: 'teal', message: t('rem.markedSent') });
      },
    });
  }
  return (
    <>
      <Button onClick={open} data-testid="run-mark-sent">
        {t('rem.markSent')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('rem.markSentTitle')} centered>
        <Stack gap="sm">
          <Text size="sm">{t('rem.markSentText', { amount: formatMoney(run.totalCents, 'EUR', t.locale), count: run.remittances.length + run.refunds.length })}</Text>
          <Alert color="yellow" variant="light">
            {t('rem.markSentWarning')}
          </Alert>
          {mark.isError && <ErrorState error={mark.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button onClick={confirm} loading={mark.isPending} data-autofocus data-testid="run-mark-sent-confirm">
              {t('rem.markSentConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RemittancesTable({ run }: { run: RemittanceRun }) {
  const t = useT(moneyMessages);
  return (
    <Paper p="md">
      <Title order={5} mb="xs">
        {t('rem.remittances')}
      </Title>
      {run.remittances.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rem.noRemittance')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped="even" data-testid="run-remittances">
            <TableHead
              columns={[t('common.creditor'), t('rem.col.payments'), numeric(t('rem.col.gross')), numeric(t('rem.col.commission')), numeric(t('rem.col.deducted')), numeric(t('rem.col.net')), t('rem.col.deadline'), t('rem.col.documents')]}
            />
            <Table.Tbody>
              {run.remittances.map((remittance) => (
                <Table.Tr key={remittance.id} data-testid="run-remittance">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {remittance.creditorName}
                    </Text>
                    <FlowStatusBadge status={remittance.status} />
                  </Table.Td>
                  <Table.Td>{remittance.paymentCount}</Table.Td>
                  <Table.Td className="num">
                    <Amount cents={remittance.grossCents} />
                  </Table.Td>
                  <Table.Td className="num">
                    <Amount cents={remittance.commissionTtcCents} dimZero />
                  </Table.Td>
                  <Table.Td className="num">
                    <Amount cents={remittance.deductedCents} dimZero />
                  </Table.Td>
                  <Table.Td className="num">
                    <Amount cents={remittance.netCents} strong />
                  </Table.Td>
                  <Table.Td>{formatDate(remittance.deadline, t.locale)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <DownloadButton url={remittance.statementUrl} name={`releve-${remittance.id}.pdf`} label={t('rem.statementPdf')} />
                      {remittance.invoice && (
                        <DownloadButton url={remittance.invoice.url} name={`${remittance.invoice.number}.pdf`} label={remittance.invoice.number} />
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function RefundsTable({ run }: { run: RemittanceRun }) {
  const t = useT(moneyMessages);
  return (
    <Paper p="md">
      <Title order={5} mb="xs">
        {t('rem.refunds')}
      </Title>
      <Table data-testid="run-refunds">
        <TableHead columns={[t('rem.col.case'), t('rem.col.iban'), numeric(t('rem.col.amount')), t('rem.col.status')]} />
        <Table.Tbody>
          {run.refunds.map((refund) => (
            <Table.Tr key={refund.id}>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${refund.caseId}`} size="sm">
                  {refund.caseReference}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {refund.iban ?? t('rem.refundManual')}
                </Text>
              </Table.Td>
              <Table.Td className="num">
                <Amount cents={refund.amountCents} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <FlowStatusBadge status={refund.status} />
                  {refund.status === 'manual' && <RefundByHandButton refund={refund} />}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function FilesList({ run }: { run: RemittanceRun }) {
  const t = useT(moneyMessages);
  const creditorName = (creditorId: string | null) => run.remittances.find((remittance) => remittance.creditorId === creditorId)?.creditorName ?? '';
  return (
    <Paper p="md">
      <Title order={5} mb="xs">
        {t('rem.files')}
      </Title>
      {run.files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rem.noFiles')}
        </Text>
      ) : (
        <Table data-testid="run-files" verticalSpacing={4}>
          <Table.Tbody>
            {run.files.map((file) => (
              <Table.Tr key={file.url} data-testid="run-file" data-kind={file.kind}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t.dyn(`file.${file.kind}`, file.kind)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{file.creditorId ? creditorName(file.creditorId) : t('rem.allCreditors')}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {file.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DownloadButton url={file.url} name={file.name} testId={`run-file-${file.kind}`} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
