import { Badge, Button, Group, Modal, NumberInput, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AgentWorkloadDto, Portfolio } from '@relance/contracts/portfolios';
import { type FormEvent, useState } from 'react';
import { DateField } from '../../../shared/components/DateField.tsx';
import { EmptyBlock } from '../../../shared/components/states.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { useSetAway, useSetCapacity } from '../api/portfolios.ts';
import { portfolioMessages } from '../messages.ts';

/** The agents: open cases against capacity, their portfolios, absences (with the way back). */
export function AgentsCard({ agents, portfolios }: { agents: AgentWorkloadDto[]; portfolios: Portfolio[] }) {
  const t = useT(portfolioMessages);
  const [away, setAway] = useState<AgentWorkloadDto | null>(null);
  const names = new Map(portfolios.map((p) => [p.id, p.name]));
  return (
    <Paper p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('portfolios.agents.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('portfolios.agents.help')}
        </Text>
        {agents.length === 0 ? (
          <EmptyBlock title={t('portfolios.agents.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped="even" data-testid="agents-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('portfolios.agents.name')}</Table.Th>
                  <Table.Th>{t('portfolios.agents.load')}</Table.Th>
                  <Table.Th>{t('portfolios.agents.portfolios')}</Table.Th>
                  <Table.Th>{t('portfolios.agents.status')}</Table.Th>
                  <Table.Th>{t('portfolios.col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {agents.map((agent) => (
                  <AgentRow key={agent.agentId} agent={agent} portfolioNames={agent.portfolioIds.map((id) => names.get(id) ?? '?')} onAway={() => setAway(agent)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Modal opened={away !== null} onClose={() => setAway(null)} title={away ? t('portfolios.agents.awayTitle', { name: away.name }) : ''}>
        {away && <AwayForm agent={away} onDone={() => setAway(null)} />}
      </Modal>
    </Paper>
  );
}

function AgentRow({ agent, portfolioNames, onAway }: { agent: AgentWorkloadDto; portfolioNames: string[]; onAway: () => void }) {
  const t = useT(portfolioMessages);
  const [capacity, setCapacityValue] = useState<number | ''>(agent.capacity);
  const saveCapacity = useSetCapacity();
  const back = useSetAway();
  const ratio = agent.capacity > 0 ? Math.min(100, (agent.openCases / agent.capacity) * 100) : 100;
  const submitCapacity = (event: FormEvent) => {
    event.preventDefault();
    if (capacity === '') return;
    saveCapacity.mutate(
      { agentId: agent.agentId, capacity },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('portfolios.agents.capacitySaved') }), onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
    );
  };
  const comeBack = () =>
    back.mutate(
      { agentId: agent.agentId, until: null },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('portfolios.agents.backSaved', { name: agent.name }) }), onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
    );
  return (
    <Table.Tr data-testid="agent-row" data-agent={agent.name}>
      <Table.Td fw={600}>{agent.name}</Table.Td>
      <Table.Td miw={200}>
        <Text size="sm">
          {agent.openCases} / {agent.capacity} {agent.overloaded && <Badge color="red" variant="light" size="sm">{t('portfolios.agents.overloaded')}</Badge>}
        </Text>
        <Progress value={ratio} color={agent.overloaded ? 'red' : 'teal'} size="sm" aria-label={t('portfolios.agents.load')} />
      </Table.Td>
      <Table.Td>{portfolioNames.join(', ') || '—'}</Table.Td>
      <Table.Td>
        {agent.awayUntil ? (
          <Badge color="orange" variant="light">{t('portfolios.agents.awayUntil', { date: formatDate(agent.awayUntil.slice(0, 10), t.locale) })}</Badge>
        ) : (
          <Text size="sm" c="teal.9">{t('portfolios.agents.present')}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <form onSubmit={submitCapacity} style={{ display: 'flex', gap: 4 }}>
            <NumberInput size="xs" w={90} min={0} max={100000} allowDecimal={false} value={capacity} onChange={(v) => setCapacityValue(v === '' ? '' : Number(v))} aria-label={t('portfolios.agents.capacity', { name: agent.name })} data-testid="agent-capacity" />
            <Button size="xs" variant="light" type="submit" loading={saveCapacity.isPending} data-testid="agent-capacity-save">
              {t('portfolios.agents.setCapacity')}
            </Button>
          </form>
          {agent.awayUntil ? (
            <Button size="xs" variant="subtle" onClick={comeBack} loading={back.isPending} data-testid="agent-back">{t('portfolios.agents.back')}</Button>
          ) : (
            <Button size="xs" variant="subtle" color="orange" onClick={onAway} data-testid="agent-away">{t('portfolios.agents.markAway')}</Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Away until the end of the chosen day (Paris): the API takes an instant. */
function AwayForm({ agent, onDone }: { agent: AgentWorkloadDto; onDone: () => void }) {
  const t = useT(portfolioMessages);
  const [day, setDay] = useState('');
  const setAway = useSetAway();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!day) return;
    setAway.mutate(
      { agentId: agent.agentId, until: new Date(`${day}T23:59:59+01:00`).toISOString() },
      {
        onSuccess: (result) => {
          const released = (result as { releasedLeases?: number }).releasedLeases ?? 0;
          notifications.show({ color: 'teal', message: t('portfolios.agents.awaySaved', { name: agent.name, date: formatDate(day, t.locale), released }) });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <DateField label={t('portfolios.agents.awayUntilLabel')} value={day} onChange={(e) => setDay(e.currentTarget.value)} required data-autofocus data-testid="agent-away-until" />
        {setAway.isError && <Text c="red.8" role="alert">{errorMessage(setAway.error)}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="submit" color="orange" loading={setAway.isPending} data-testid="agent-away-confirm">{t('portfolios.agents.awayConfirm')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
