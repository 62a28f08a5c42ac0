import { Alert, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { DunningRun } from '@relance/contracts/dunning';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatNumber, type MessageKey, useT } from '../../../shared/i18n.ts';
import { dunningKeys } from '../../../shared/query-keys.ts';
import { isRunActive, runOptions } from '../api/dunning.ts';
import { dunningMessages } from '../messages.ts';
import { ProgressDetails } from './ProgressDetails.tsx';

/**
 * A run started from the screen, followed until it ends: the pass runs in the worker (about 25 s at
 * 1,000,000 cases), so the screen polls GET /dunning/runs/{id} every second while it is queued or
 * running, then shows its result or why it failed.
 */
export function RunProgress({ runId, alreadyRunning, onClose }: { runId: string; alreadyRunning: boolean; onClose: () => void }) {
  const t = useT(dunningMessages);
  const queryClient = useQueryClient();
  const run = useQuery(runOptions(runId));
  const status = run.data?.status;

  // Once it ends, what it changed (cases per step, tomorrow's preview, the history) is read again, once.
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    if (status && !isRunActive({ status }) && refreshedFor.current !== runId) {
      refreshedFor.current = runId;
      void queryClient.invalidateQueries({ queryKey: dunningKeys.strategies() });
      void queryClient.invalidateQueries({ queryKey: dunningKeys.preview() });
      void queryClient.invalidateQueries({ queryKey: dunningKeys.runs(), exact: true });
    }
  }, [status, runId, queryClient]);

  if (run.isError) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;
  if (!run.data) return null;
  const data = run.data;
  if (data.status === 'completed') return <RunResult run={data} onClose={onClose} />;
  if (data.status === 'failed') {
    return (
      <Alert color="red" variant="light" title={t('dunning.runFailed')} data-testid="dunning-run-failed" withCloseButton onClose={onClose}>
        {t('dunning.run.failedText', { error: data.error ?? '—' })}
      </Alert>
    );
  }
  return <RunUnderway run={data} alreadyRunning={alreadyRunning} />;
}

function RunUnderway({ run, alreadyRunning }: { run: DunningRun; alreadyRunning: boolean }) {
  const t = useT(dunningMessages);
  const n = (value: number) => formatNumber(value, t.locale);
  const { phase, phasesDone, phasesTotal, casesTotal, casesExamined, stepsDue } = run.progress;
  const phaseLabel = t(`dunning.run.phase.${phase}` as MessageKey<typeof dunningMessages>);
  // Phases are whole statements over every open case: the bar moves phase by phase, with a
  // sliver while queued so that it visibly lives.
  const percent = run.status === 'queued' ? 3 : Math.max(5, Math.round((phasesDone / Math.max(1, phasesTotal)) * 100));
  return (
    <Paper p="md" withBorder data-testid="dunning-run-progress" aria-busy="true">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={4}>{t('dunning.run.running')}</Title>
          <Text size="sm" c="dimmed">
            {t(`dunning.run.status.${run.status}` as MessageKey<typeof dunningMessages>)}
          </Text>
        </Group>
        {alreadyRunning ? (
          <Text size="sm" data-testid="dunning-run-already">
            {t('dunning.run.alreadyRunning')}
          </Text>
        ) : null}
        <Progress value={percent} animated striped size="lg" aria-label={t('dunning.run.running')} data-testid="dunning-run-progress-bar" />
        <ProgressDetails
          phase={run.status === 'queued' ? t('dunning.run.queued') : t('dunning.run.phaseOf', { done: phasesDone + 1, total: phasesTotal, phase: phaseLabel })}
          phaseTestId="dunning-run-phase"
          cases={
            casesTotal === null
              ? null
              : casesExamined > 0
                ? t('dunning.run.casesExamined', { examined: n(casesExamined), total: n(casesTotal) })
                : t('dunning.run.casesPending', { total: n(casesTotal) })
          }
          casesTestId="dunning-run-cases"
          stepsDue={stepsDue}
          error={run.error}
          size="sm"
        />
      </Stack>
    </Paper>
  );
}

function RunResult({ run, onClose }: { run: DunningRun; onClose: () => void }) {
  const t = useT(dunningMessages);
  const n = (value: number) => formatNumber(value, t.locale);
  const channels = Object.entries(run.byChannel)
    .map(([channel, count]) => `${t(`dunning.channel.${channel}` as MessageKey<typeof dunningMessages>)} ${n(count)}`)
    .join(', ');
  return (
    <Alert color="green" variant="light" title={t('dunning.runDone')} data-testid="dunning-run-result" withCloseButton onClose={onClose}>
      <Stack gap={4}>
        <Progress value={100} color="green" size="sm" aria-hidden="true" />
        <Text size="sm">{t('dunning.runSummary', { decided: n(run.decided), deferred: n(run.deferred), paused: n(run.paused) })}</Text>
        {channels ? <Text size="sm">{t('dunning.run.byChannel', { channels })}</Text> : null}
        {run.progress.casesTotal !== null ? (
          <Text size="xs" c="dimmed">
            {t('dunning.run.casesExamined', { examined: n(run.progress.casesExamined), total: n(run.progress.casesTotal) })}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
