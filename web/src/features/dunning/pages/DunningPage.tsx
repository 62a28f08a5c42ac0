import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Badge, Button, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { DunningStrategy } from '@relance/contracts/dunning';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatMoney, formatNumber, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import {
  isRunActive,
  runOptions,
  runsOptions,
  strategiesOptions,
  useCreateStrategy,
  useRunNow,
  useUpdateStrategy,
} from '../api/dunning.ts';
import { PreviewPanel } from '../components/PreviewPanel.tsx';
import { RunProgress } from '../components/RunProgress.tsx';
import { RunsPanel } from '../components/RunsPanel.tsx';
import { StrategyForm } from '../components/StrategyForm.tsx';
import { StrategyTimeline } from '../components/StrategyTimeline.tsx';
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
        <SelectedStrategy
          strategy={selected}
          canEdit={canEdit}
          onEditSegment={() => {
            update.reset();
            setForm('segment');
          }}
        />
        <StrategyModal
          form={form}
          selected={selected}
          items={items}
          create={create}
          update={update}
          onClose={() => setForm(null)}
          onCreated={(created) => {
            setSelectedId(created.id);
            setForm(null);
          }}
        />
        <Text size="sm" c="dimmed">
          {t('dunning.pauses')} {pausesOf(selected, t).join(', ')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <StrategyTimeline strategy={selected} canEdit={canEdit} />
          <StepCounts strategy={selected} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** The selected strategy: its name, its segment, its version, and "edit the segment". */
function SelectedStrategy({ strategy, canEdit, onEditSegment }: { strategy: DunningStrategy; canEdit: boolean; onEditSegment: () => void }) {
  const t = useT(dunningMessages);
  return (
    <Group gap="xs">
      <Text fw={600}>{strategy.name}</Text>
      <Badge variant="light" data-testid="dunning-strategy-segment">
        {strategyLabel(strategy, t)}
      </Badge>
      <Badge variant="outline" color="gray">
        {t('dunning.version', { version: strategy.version })}
      </Badge>
      {canEdit ? (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={onEditSegment}
          data-testid="dunning-edit-segment"
        >
          {t('dunning.editSegment')}
        </Button>
      ) : null}
    </Group>
  );
}

/** What pauses the strategy: the pauses that always apply, then the ones it chose. */
function pausesOf(strategy: DunningStrategy, t: Translate<MessageKey<typeof dunningMessages>>): string[] {
  return [
    t('dunning.pause.mandate'),
    t('dunning.pause.insolvency'),
    t('dunning.pause.prescribed'),
    t('dunning.pause.dispute'),
    t('dunning.pause.vulnerability'),
    t('dunning.pause.paid'),
    t('dunning.pause.closed'),
    ...(strategy.pauseOnPlan ? [t('dunning.pause.plan')] : []),
    ...(strategy.pauseOnPromise ? [t('dunning.pause.promise')] : []),
    ...(strategy.pauseOnLegal ? [t('dunning.pause.legal')] : []),
  ];
}

/** A new strategy, or the selected one's segment, in a modal. */
function StrategyModal({
  form,
  selected,
  items,
  create,
  update,
  onClose,
  onCreated,
}: {
  form: 'new' | 'segment' | null;
  selected: DunningStrategy;
  items: DunningStrategy[];
  create: ReturnType<typeof useCreateStrategy>;
  update: ReturnType<typeof useUpdateStrategy>;
  onClose: () => void;
  onCreated: (created: DunningStrategy) => void;
}) {
  const t = useT(dunningMessages);
  const mutation = form === 'new' ? create : update;
  return (
    <Modal opened={form !== null} onClose={onClose} title={form === 'new' ? t('dunning.newStrategy') : t('dunning.editSegment')} size="lg">
      {form !== null ? (
        <StrategyForm
          {...(form === 'segment' ? { strategy: selected } : {})}
          strategies={items}
          pending={mutation.isPending}
          error={mutation.error}
          onCancel={onClose}
          onCreate={(body) => create.mutate(body, { onSuccess: onCreated })}
          onUpdate={(body) => update.mutate(body, { onSuccess: onClose })}
        />
      ) : null}
    </Modal>
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
