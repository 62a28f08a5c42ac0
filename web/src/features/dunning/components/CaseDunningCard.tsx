import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import type { CaseDunning } from '@relance/contracts/dunning';
import { useQuery } from '@tanstack/react-query';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { caseDunningOptions } from '../api/dunning.ts';
import { dunningMessages } from '../messages.ts';

type Execution = CaseDunning['executions'][number];

const statusColors: Record<Execution['status'], string> = { pending: 'blue', done: 'teal', deferred: 'orange', skipped: 'gray' };

/** Where the case stands in its automatic reminders: the strategy, a pause, and every step decided with why. */
export function CaseDunningCard({ caseId }: { caseId: string }) {
  const t = useT(dunningMessages);
  const query = useQuery(caseDunningOptions(caseId));
  const data = query.data;
  const why = (execution: Execution): string => {
    if (execution.status === 'deferred' && execution.deferredReason) {
      const until = execution.deferredUntil ? formatDateTime(execution.deferredUntil, t.locale) : '';
      return t('dunning.case.deferredUntil', { reason: t.dyn(`dunning.reason.${execution.deferredReason}`, execution.deferredReason), until });
    }
    if (execution.status === 'skipped' && execution.skipReason) return t.dyn(`dunning.skip.${execution.skipReason}`, execution.skipReason);
    return '';
  };
  return (
    <Paper p="md" mt="md" data-testid="case-dunning">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('dunning.case.title')}</Title>
        {data && (
          <Group gap="xs">
            {data.strategyName && <Badge variant="light">{data.strategyName}</Badge>}
            {data.pausedBy ? (
              <Badge color="orange" data-testid="case-dunning-paused">
                {t('dunning.case.paused', { reason: t.dyn(`dunning.pause.${data.pausedBy}`, data.pausedBy) })}
              </Badge>
            ) : (
              data.cursorDay !== null && <Badge color="teal" variant="light">{t('dunning.case.at', { day: String(data.cursorDay) })}</Badge>
            )}
          </Group>
        )}
      </Group>
      <QueryTable
        query={query}
        items={(result) => result.executions}
        empty={
          <Text size="sm" c="dimmed">
            {t('dunning.case.none')}
          </Text>
        }
        headers={[t('dunning.case.step'), t('dunning.case.channel'), t('dunning.case.status'), t('dunning.case.why')]}
        testId="case-dunning-steps"
      >
        {(executions) =>
          executions.map((execution) => (
            <Table.Tr key={execution.id} data-testid="case-dunning-step" data-status={execution.status}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  J+{execution.day}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDate(execution.dueOn, t.locale)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t.dyn(`dunning.channel.${execution.channel}`, execution.channel)}</Text>
                {execution.template && (
                  <Text size="xs" c="dimmed">
                    {t.dyn(`dunning.template.${execution.template}`, execution.template)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={statusColors[execution.status]}>
                  {t.dyn(`dunning.case.status.${execution.status}`, execution.status)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{why(execution)}</Text>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </QueryTable>
    </Paper>
  );
}
