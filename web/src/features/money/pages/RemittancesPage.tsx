import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { HeldFunds } from '@relance/contracts/money';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { EmptyBlock, ErrorState } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { heldFundsOptions, runsOptions, useCreateRun } from '../api/money.ts';
import { Amount, FlowStatusBadge } from '../components/common.tsx';
import { moneyMessages } from '../messages.ts';

type Held = HeldFunds['items'][number];
const urgencyColors: Record<Held['urgency'], string> = { on_time: 'teal', due_soon: 'orange', overdue: 'red' };

/** Remittances: what is held for each creditor and by when it must go (R124-6), the runs made. */
export function RemittancesPage() {
  const t = useT(moneyMessages);
  const navigate = useNavigate();
  const held = useQuery(heldFundsOptions());
  const create = useCreateRun();
  function createRun(creditorId?: string) {
    create.mutate(creditorId ? { creditorId } : {}, {
      onSuccess: (run) => {
        notifications.show({ color: 'teal', message: t('rem.created') });
        navigate(`/finance/remittances/${run.id}`);
      },
    });
  }
  return (
    <Stack gap="md">
      <Paper p="md">
        <Group justify="space-between" mb="xs">
          <Stack gap={0}>
            <Title order={4}>{t('rem.held')}</Title>
            <Text size="sm" c="dimmed">
              {t('rem.heldHelp')}
            </Text>
          </Stack>
          <Button onClick={() => createRun()} loading={create.isPending} disabled={!held.data?.items.length} data-testid="run-create-all">
            {t('rem.createAll')}
          </Button>
        </Group>
        {create.isError && <ErrorState error={create.error} />}
        <QueryTable
          query={held}
          items={(data) => data.items}
          empty={<EmptyBlock title={t('rem.heldEmpty')}>{t('rem.heldEmptyHelp')}</EmptyBlock>}
          headers={[t('common.creditor'), { label: t('rem.col.held'), numeric: true }, t('rem.col.payments'), t('rem.col.oldest'), t('rem.col.deadline'), '']}
          minWidth={860}
          testId="held-funds"
        >
          {(items) => items.map((item) => <HeldRow key={item.creditorId} item={item} busy={create.isPending} onCreate={() => createRun(item.creditorId)} />)}
        </QueryTable>
      </Paper>
      <RunsList />
    </Stack>
  );
}

function HeldRow({ item, busy, onCreate }: { item: Held; busy: boolean; onCreate: () => void }) {
  const t = useT(moneyMessages);
  return (
    <Table.Tr data-testid="held-row" data-creditor-id={item.creditorId}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {item.creditorName}
        </Text>
        {item.termsBreachLaw && (
          <Tooltip label={t('rem.breachHelp')} multiline w={320} withArrow>
            <Badge color="red" variant="filled" size="sm" miw="max-content" data-testid="terms-breach">
              {t('rem.breach')}
            </Badge>
          </Tooltip>
        )}
      </Table.Td>
      <Table.Td className="num">
        <Amount cents={item.heldCents} strong />
      </Table.Td>
      <Table.Td>{item.paymentCount}</Table.Td>
      <Table.Td>{formatDate(item.oldestReceivedOn, t.locale)}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">{formatDate(item.deadline, t.locale)}</Text>
          <Badge color={urgencyColors[item.urgency]} variant="light" miw="max-content" data-testid="held-urgency" data-urgency={item.urgency}>
            {t.dyn(`urgency.${item.urgency}`, item.urgency)}
          </Badge>
        </Group>
      </Table.Td>
      <Table.Td>
        <Button size="compact-sm" variant="light" miw="max-content" disabled={busy} onClick={onCreate} data-testid="run-create-one">
          {t('rem.createOne')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function RunsList() {
  const t = useT(moneyMessages);
  const runs = useQuery(runsOptions());
  return (
    <Paper p="md">
      <Title order={4} mb="xs">
        {t('rem.runs')}
      </Title>
      <QueryTable
        query={runs}
        items={(page) => page.items}
        empty={<EmptyBlock title={t('rem.runsEmpty')}>{t('rem.runsEmptyHelp')}</EmptyBlock>}
        headers={[t('rem.col.created'), t('rem.col.through'), t('rem.col.creditors'), { label: t('rem.col.total'), numeric: true }, t('rem.col.status'), t('rem.col.sent')]}
        minWidth={800}
        testId="runs"
      >
        {(items) =>
          items.map((run) => (
            <Table.Tr key={run.id} data-testid="run-row">
              <Table.Td>
                <Anchor component={Link} to={`/finance/remittances/${run.id}`} size="sm" fw={600} data-testid="run-open">
                  {formatDateTime(run.createdAt, t.locale)}
                </Anchor>
                {run.createdBy && (
                  <Text size="xs" c="dimmed">
                    {run.createdBy}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{formatDate(run.through, t.locale)}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {run.remittances.map((remittance) => remittance.creditorName).join(', ') || '—'}
                </Text>
              </Table.Td>
              <Table.Td className="num">
                <Amount cents={run.totalCents} strong />
              </Table.Td>
              <Table.Td>
                <FlowStatusBadge status={run.status} />
              </Table.Td>
              <Table.Td>{formatDateTime(run.sentAt, t.locale)}</Table.Td>
            </Table.Tr>
          ))
        }
      </QueryTable>
    </Paper>
  );
}
