import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Badge, Button, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import type { DunningRun, DunningStep, DunningStrategy } from '@relance/contracts/dunning';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, formatMoney, formatNumber, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import {
  isRunActive,
  runOptions,
  runsOptions,
  strategiesOptions,
  useAddStep,
  useCreateStrategy,
  useRemoveStep,
  useRunNow,
  useUpdateStep,
  useUpdateStrategy,
} from '../api/dunning.ts';
import { PreviewPanel } from '../components/PreviewPanel.tsx';
import { RunProgress } from '../components/RunProgress.tsx';
import { channelGlyph, StepForm } from '../components/StepForm.tsx';
import { StrategyForm } from '../components/StrategyForm.tsx';
import { dunningMessages } from '../messages.ts';

/** Relances: strategies on a timeline, what goes out tomorrow (as last computed), the runs, and "run now" (managers). */
export function DunningPage() {
  const t = useT(dunningMessages);
  const user = useUser();
  const canEdit = user.role === 'admin' || user.role === 'manager';
  const strategies = useQuery(strategiesOptions());
  const runs = useQuery(runsOptions());
  const runNow = useRunNow();
  // The run followed on screen: the one just asked for, else one already under way (another
  // manager's click, or this page reopened while it runs), so a second click is not needed to see it.
  const [dismissedRunId, setDismissedRunId] = useState<string | null>(null);
  const underway = runs.data?.items.find(isRunActive);
  // Kept once seen: when it ends the history no longer lists it as under way, and its result stays shown.
  const [joinedRunId, setJoinedRunId] = useState<string | null>(null);
  useEffect(() => {
    if (underway) setJoinedRunId(underway.id);
  }, [underway]);
  const followedRunId = runNow.data?.id ?? joinedRunId;
  // The same query (and cache) RunProgress polls: the button comes back as soon as the run ends.
  const followedRun = useQuery({ ...runOptions(followedRunId ?? ''), enabled: followedRunId !== null });
  const runActive = (followedRun.data !== undefined && isRunActive(followedRun.data)) || (underway !== undefined && underway.id !== followedRunId);

  return (
    <>
      <PageHeader
        title={t('dunning.title')}
        subtitle={t('dunning.subtitle')}
        actions={
          canEdit ? (
            <Button
              onClick={() => {
                setDismissedRunId(null);
                runNow.mutate();
              }}
              loading={runNow.isPending}
              disabled={runActive && !runNow.isPending}
              data-testid="dunning-run-now"
            >
              {t('dunning.runNow')}
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        {runNow.isError ? <ErrorState error={runNow.error} title={t('dunning.runFailed')} /> : null}
        {followedRunId !== null && followedRunId !== dismissedRunId ? (
          <RunProgress
            key={followedRunId}
            runId={followedRunId}
            // The API answers with the run already queued or running (here, another manager's) rather than a second one.
            alreadyRunning={runNow.data !== undefined && runNow.data.startedBy !== user.id}
            onClose={() => {
              setDismissedRunId(followedRunId);
              runNow.reset();
            }}
          />
        ) : null}
        {strategies.isPending ? (
          <LoadingState />
        ) : strategies.isError ? (
          <ErrorState error={strategies.error} onRetry={() => void strategies.refetch()} />
        ) : strategies.data.items.length === 0 ? (
          <Paper>
            <EmptyBlock title={t('dunning.noStrategy')} />
          </Paper>
        ) : (
          <Strategies items={strategies.data.items} canEdit={canEdit} />
        )}
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <PreviewPanel canEdit={canEdit} />
          <RunsPanel />
        </SimpleGrid>
      </Stack>
    </>
  );
}

function strategyLabel(strategy: DunningStrategy, t: Translate<MessageKey<typeof dunningMessages>>): string {
  const parts = [strategy.creditorName ?? t('dunning.agencyDefault')];
  if (strategy.debtorKind) parts.push(t(`dunning.kind.${strategy.debtorKind}` as MessageKey<typeof dunningMessages>));
  if (strategy.minBalanceCents !== null || strategy.maxBalanceCents !== null) {
    parts.push(`${strategy.minBalanceCents === null ? '0' : formatMoney(strategy.minBalanceCents, 'EUR', t.locale)} – ${strategy.maxBalanceCents === null ? '∞' : formatMoney(strategy.maxBalanceCents, 'EUR', t.locale)}`);
  }
  return parts.join(' · ');
}

function Strategies({ items, canEdit }: { items: DunningStrategy[]; canEdit: boolean }) {
  const t = useT(dunningMessages);
  const active = items.filter((s) => s.active);
  const [selectedId, setSelectedId] = useState<string>(active[0]?.id ?? items[0]?.id ?? '');
  const [form, setForm] = useState<'new' | 'segment' | null>(null);
  const selected = items.find((s) => s.id === selectedId) ?? items[0];
  const create = useCreateStrategy();
  const update = useUpdateStrategy(selected?.id ?? '');
  if (!selected) return null;
  const mutation = form === 'new' ? create : update;
  return (
    <Paper p="md" withBorder>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={3}>{t('dunning.strategies')}</Title>
          <Group gap="sm" wrap="wrap">
            {active.length > 1 ? (
              <SegmentedControl
                value={selected.id}
                onChange={setSelectedId}
                data={active.map((s) => ({ value: s.id, label: s.name }))}
                aria-label={t('dunning.strategies')}
                data-testid="dunning-strategy-picker"
              />
            ) : null}
            {canEdit ? (
              <Button
                variant="light"
                onClick={() => {
                  create.reset();
                  setForm('new');
                }}
                data-testid="dunning-new-strategy"
              >
                {t('dunning.newStrategy')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <Group gap="xs">
          <Text fw={600}>{selected.name}</Text>
          <Badge variant="light" data-testid="dunning-strategy-segment">
            {strategyLabel(selected, t)}
          </Badge>
          <Badge variant="outline" color="gray">
            {t('dunning.version', { version: selected.version })}
          </Badge>
          {canEdit ? (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => {
                update.reset();
                setForm('segment');
              }}
              data-testid="dunning-edit-segment"
            >
              {t('dunning.editSegment')}
            </Button>
          ) : null}
        </Group>
        <Modal opened={form !== null} onClose={() => setForm(null)} title={form === 'new' ? t('dunning.newStrategy') : t('dunning.editSegment')} size="lg">
          {form !== null ? (
            <StrategyForm
              {...(form === 'segment' ? { strategy: selected } : {})}
              strategies={items}
              pending={mutation.isPending}
              error={mutation.error}
              onCancel={() => setForm(null)}
              onCreate={(body) =>
                create.mutate(body, {
                  onSuccess: (created) => {
                    setSelectedId(created.id);
                    setForm(null);
                  },
                })
              }
              onUpdate={(body) => update.mutate(body, { onSuccess: () => setForm(null) })}
            />
          ) : null}
        </Modal>
        <Text size="sm" c="dimmed">
          {t('dunning.pauses')}{' '}
          {[
            t('dunning.pause.dispute'),
            t('dunning.pause.vulnerability'),
            t('dunning.pause.paid'),
            t('dunning.pause.closed'),
            ...(selected.pauseOnPlan ? [t('dunning.pause.plan')] : []),
            ...(selected.pauseOnPromise ? [t('dunning.pause.promise')] : []),
            ...(selected.pauseOnLegal ? [t('dunning.pause.legal')] : []),
          ].join(', ')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <StrategyTimeline strategy={selected} canEdit={canEdit} />
          <StepCounts strategy={selected} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function stepTitle(step: DunningStep, t: Translate<MessageKey<typeof dunningMessages>>): string {
  return step.channel === 'call_task' ? (step.taskLabel ?? '') : t(`dunning.template.${step.template}` as MessageKey<typeof dunningMessages>);
}

function StrategyTimeline({ strategy, canEdit }: { strategy: DunningStrategy; canEdit: boolean }) {
  const t = useT(dunningMessages);
  const [editing, setEditing] = useState<DunningStep | 'new' | null>(null);
  const update = useUpdateStep(strategy.id);
  const add = useAddStep(strategy.id);
  const remove = useRemoveStep(strategy.id);
  const mutation = editing === 'new' ? add : update;
  if (strategy.steps.length === 0 && !canEdit) return <EmptyBlock title={t('dunning.noSteps')} />;
  return (
    <Stack gap="sm">
      <Timeline active={strategy.steps.length} bulletSize={28} lineWidth={2} data-testid="dunning-timeline">
        {strategy.steps.map((step) => (
          <Timeline.Item
            key={step.id}
            bullet={<span aria-hidden="true">{channelGlyph[step.channel]}</span>}
            title={
              <Group gap="xs" wrap="nowrap">
                <Badge variant="filled" size="sm">
                  J+{step.day}
                </Badge>
                <Text fw={600} size="sm">
                  {t(`dunning.channel.${step.channel}` as MessageKey<typeof dunningMessages>)}
                </Text>
              </Group>
            }
            data-testid="dunning-step"
          >
            <Text size="sm">{stepTitle(step, t)}</Text>
            <Text size="xs" c="dimmed">
              {step.offsetFrom === 'previous' ? t('dunning.afterPrevious', { days: step.offsetDays }) : t('dunning.afterPlacement', { days: step.offsetDays })}
              {step.minBalanceCents !== null ? ` · ${t('dunning.minBalance', { amount: formatMoney(step.minBalanceCents, 'EUR', t.locale) })}` : ''}
              {step.debtorKind ? ` · ${t(`dunning.kind.${step.debtorKind}` as MessageKey<typeof dunningMessages>)}` : ''}
            </Text>
            <Group gap="xs" mt={4}>
              <Text size="xs">{t('dunning.casesAtStep', { count: formatNumber(step.casesAtStep, t.locale) })}</Text>
              {canEdit ? (
                <>
                  <Button size="compact-xs" variant="light" onClick={() => { update.reset(); setEditing(step); }} aria-label={t('dunning.editStepLabel', { day: step.day, channel: t(`dunning.channel.${step.channel}` as MessageKey<typeof dunningMessages>) })}>
                    {t('dunning.edit')}
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === step.id} onClick={() => { if (window.confirm(t('dunning.removeConfirm'))) remove.mutate(step.id); }}>
                    {t('dunning.remove')}
                  </Button>
                </>
              ) : null}
            </Group>
          </Timeline.Item>
        ))}
      </Timeline>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
      {canEdit ? (
        <Button variant="light" size="xs" onClick={() => { add.reset(); setEditing('new'); }} style={{ alignSelf: 'flex-start' }}>
          {t('dunning.addStep')}
        </Button>
      ) : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('dunning.addStep') : t('dunning.editStep')} size="lg">
        {editing !== null ? (
          <>
            {editing !== 'new' ? (
              <Text size="xs" c="dimmed" mb="sm">
                {t('dunning.editNote')}
              </Text>
            ) : null}
            <StepForm
              {...(editing === 'new' ? {} : { step: editing })}
              pending={mutation.isPending}
              error={mutation.error}
              onCancel={() => setEditing(null)}
              onSubmit={(body) => {
                if (editing === 'new') {
                  add.mutate({ ...body, offsetFrom: body.offsetFrom ?? 'placement', channel: body.channel ?? 'letter' } as Parameters<typeof add.mutate>[0], { onSuccess: () => setEditing(null) });
                } else {
                  update.mutate({ stepId: editing.id, body }, { onSuccess: () => setEditing(null) });
                }
              }}
            />
          </>
        ) : null}
      </Modal>
    </Stack>
  );
}

function StepCounts({ strategy }: { strategy: DunningStrategy }) {
  const t = useT(dunningMessages);
  // One bar per step group (J+N): the cases whose last started group it is.
  const groups = new Map<number, number>();
  for (const step of strategy.steps) groups.set(step.day, step.casesAtStep);
  const data = [{ label: t('dunning.notStarted'), cases: strategy.casesNotStarted }, ...[...groups.entries()].map(([day, cases]) => ({ label: `J+${day}`, cases }))];
  const total = data.reduce((sum, row) => sum + row.cases, 0);
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('dunning.casesPerStep')}
      </Text>
      {total === 0 ? (
        <EmptyBlock title={t('dunning.noCases')} />
      ) : (
        <BarChart barProps={{ isAnimationActive: false }} h={220} data={data} dataKey="label" series={[{ name: 'cases', label: t('dunning.cases'), color: 'indigo.6' }]} tickLine="y" />
      )}
      <Table striped withTableBorder fz="sm" aria-label={t('dunning.casesPerStep')}>
        <Table.Tbody>
          {data.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Td>{row.label}</Table.Td>
              <Table.Td ta="right">{formatNumber(row.cases, t.locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function RunsPanel() {
  const t = useT(dunningMessages);
  const runs = useQuery(runsOptions());
  return (
    <Paper p="md" withBorder data-testid="dunning-runs">
      <Title order={3} mb="sm">
        {t('dunning.runs')}
      </Title>
      {runs.isPending ? (
        <LoadingState />
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <EmptyBlock title={t('dunning.noRuns')} />
      ) : (
        <Table striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dunning.run.started')}</Table.Th>
              <Table.Th>{t('dunning.run.channels')}</Table.Th>
              <Table.Th ta="right">{t('dunning.run.deferred')}</Table.Th>
              <Table.Th ta="right">{t('dunning.run.paused')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.items.map((run: DunningRun) => (
              <Table.Tr key={run.id}>
                <Table.Td>
                  {formatDateTime(run.startedAt ?? run.requestedAt, t.locale)}
                  <Text size="xs" c="dimmed">
                    {run.trigger === 'manual' ? t('dunning.run.manual', { name: run.startedByName ?? '' }) : t('dunning.run.cron')}
                    {run.status === 'completed' ? '' : ` · ${t(`dunning.run.status.${run.status}` as MessageKey<typeof dunningMessages>)}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {Object.entries(run.byChannel).length === 0 ? (
                    '—'
                  ) : (
                    <Group gap={4}>
                      {Object.entries(run.byChannel).map(([channel, n]) => (
                        <Badge key={channel} variant="light" title={t(`dunning.channel.${channel}` as MessageKey<typeof dunningMessages>)} aria-label={`${t(`dunning.channel.${channel}` as MessageKey<typeof dunningMessages>)} ${n}`}>
                          {channelGlyph[channel as keyof typeof channelGlyph] ?? ''} {formatNumber(n, t.locale)}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td ta="right">{run.deferred}</Table.Td>
                <Table.Td ta="right">{run.paused}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
