import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { DunningPreview, DunningPreviewComputation } from '@relance/contracts/dunning';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, formatInstantDate, formatNumber, formatTime, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { dunningKeys } from '../../../shared/query-keys.ts';
import { isRunActive, previewComputationOptions, previewOptions, useRecomputePreview } from '../api/dunning.ts';
import { dunningMessages } from '../messages.ts';
import { ProgressDetails } from './ProgressDetails.tsx';
import { channelGlyph } from './StepForm.tsx';

/**
 * "Demain": what tomorrow's daily run would send, as last computed by the worker (the decision pass
 * simulated at tomorrow's run time takes ~25 s at 1,000,000 cases, so it is never computed in the
 * request), with when it was computed. Managers recompute it; the computation is followed until it
 * ends (GET dunning/previews/{id} every second), then the stored preview is read again.
 */
export function PreviewPanel({ canEdit }: { canEdit: boolean }) {
  const t = useT(dunningMessages);
  const state = useQuery(previewOptions());
  const recompute = useRecomputePreview();
  // The computation under way (this click's, a run's, or another manager's), else the one just asked for.
  const followedId = state.data?.pending?.id ?? recompute.data?.id ?? null;
  // The same query (and cache) PreviewComputing polls: the button comes back as soon as it ends.
  const followed = useQuery({ ...previewComputationOptions(followedId ?? ''), enabled: followedId !== null });
  const computing = followed.data !== undefined ? isRunActive(followed.data) : state.data?.pending != null;
  const latest = state.data?.latest ?? null;
  const failed = computing ? null : (state.data?.failed ?? null);

  return (
    <Paper p="md" withBorder data-testid="dunning-preview">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3}>{t('dunning.preview')}</Title>
        {canEdit ? (
          <Button
            size="xs"
            variant="light"
            onClick={() => recompute.mutate()}
            loading={recompute.isPending}
            disabled={computing && !recompute.isPending}
            data-testid="dunning-preview-recompute"
          >
            {t('dunning.previewRecompute')}
          </Button>
        ) : null}
      </Group>
      {state.isPending ? (
        <LoadingState />
      ) : state.isError ? (
        <ErrorState error={state.error} onRetry={() => void state.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('dunning.previewAt', { at: formatDateTime(state.data.at, t.locale) })}
          </Text>
          {recompute.isError ? <ErrorState error={recompute.error} title={t('dunning.previewFailed')} /> : null}
          {followedId !== null ? <PreviewComputing key={followedId} id={followedId} /> : null}
          {failed ? (
            <Alert color="red" variant="light" title={t('dunning.previewFailed')} data-testid="dunning-preview-failed">
              <Text size="sm">{t('dunning.previewFailedText', { error: failed.error ?? '—' })}</Text>
              {latest ? <Text size="sm">{t('dunning.previewFailedOlder')}</Text> : null}
            </Alert>
          ) : null}
          {latest?.preview ? (
            <PreviewBody computation={latest} preview={latest.preview} />
          ) : computing ? null : (
            <EmptyBlock title={t('dunning.previewNone')}>{canEdit ? t('dunning.previewNoneEditor') : t('dunning.previewNoneReader')}</EmptyBlock>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** A computation followed while it is queued or running; once it ends, the stored preview is read again (once). */
function PreviewComputing({ id }: { id: string }) {
  const t = useT(dunningMessages);
  const queryClient = useQueryClient();
  const computation = useQuery(previewComputationOptions(id));
  const status = computation.data?.status;
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    if (status && !isRunActive({ status }) && refreshedFor.current !== id) {
      refreshedFor.current = id;
      void queryClient.invalidateQueries({ queryKey: dunningKeys.preview(), exact: true });
    }
  }, [status, id, queryClient]);
  if (computation.isError) return <ErrorState error={computation.error} onRetry={() => void computation.refetch()} />;
  const data = computation.data;
  if (!data || !isRunActive(data)) return null;
  const { phase, phasesDone, phasesTotal, casesTotal, stepsDue } = data.progress;
  const percent = data.status === 'queued' ? 3 : Math.max(5, Math.round((phasesDone / Math.max(1, phasesTotal)) * 100));
  const n = (value: number) => formatNumber(value, t.locale);
  return (
    <Stack gap={4} data-testid="dunning-preview-progress" aria-busy="true">
      <Text size="sm" fw={600}>
        {t('dunning.previewComputing')}
      </Text>
      <Progress value={percent} animated striped size="md" aria-label={t('dunning.previewComputing')} />
      <ProgressDetails
        phase={
          data.status === 'queued'
            ? t('dunning.previewQueued')
            : t('dunning.run.phaseOf', { done: phasesDone + 1, total: phasesTotal, phase: t(`dunning.previewPhase.${phase}` as MessageKey<typeof dunningMessages>) })
        }
        phaseTestId="dunning-preview-phase"
        cases={casesTotal !== null ? t('dunning.run.casesPending', { total: n(casesTotal) }) : null}
        stepsDue={stepsDue}
        error={data.error}
        size="xs"
      />
    </Stack>
  );
}

/** "calculé à 14:32" today, "calculé le 22/11/2026 à 14:32" another day (Paris time). */
function computedLabel(computedAt: string, t: Translate<MessageKey<typeof dunningMessages>>): string {
  const time = formatTime(computedAt, t.locale);
  const day = formatInstantDate(computedAt, t.locale);
  return day === formatInstantDate(new Date().toISOString(), t.locale) ? t('dunning.previewComputedAt', { time }) : t('dunning.previewComputedOn', { date: day, time });
}

function PreviewBody({ computation, preview }: { computation: DunningPreviewComputation; preview: DunningPreview }) {
  const t = useT(dunningMessages);
  const channels = preview.channels.filter((c) => c.count > 0 || c.deferred > 0);
  return (
    <Stack gap="sm">
      {computation.computedAt ? (
        <Text size="xs" c="dimmed" data-testid="dunning-preview-computed">
          {computedLabel(computation.computedAt, t)}
        </Text>
      ) : null}
      {channels.length === 0 ? (
        <EmptyBlock title={t('dunning.previewEmpty')} />
      ) : (
        channels.map((channel) => (
          <Stack key={channel.channel} gap={2}>
            <Group gap="xs">
              <Text fw={600}>
                {channelGlyph[channel.channel]} {t(`dunning.channel.${channel.channel}` as MessageKey<typeof dunningMessages>)}
              </Text>
              <Badge>{formatNumber(channel.count, t.locale)}</Badge>
              {channel.deferred > 0 ? <Badge color="orange">{t('dunning.deferredCount', { count: channel.deferred })}</Badge> : null}
            </Group>
            {channel.examples.map((example) => (
              <Text size="xs" key={`${channel.channel}-${example.caseId}`}>
                <Link to={`/cases/${example.caseId}`}>{example.reference}</Link> · {example.debtorName} · {example.creditorName} · J+{example.day}
              </Text>
            ))}
          </Stack>
        ))
      )}
      {preview.paused > 0 ? (
        <Text size="sm" c="dimmed">
          {t('dunning.pausedCount', { count: preview.paused })}{' '}
          {Object.entries(preview.pausedByReason)
            .map(([reason, n]) => `${t(`dunning.pause.${reason}` as MessageKey<typeof dunningMessages>)} ${n}`)
            .join(', ')}
        </Text>
      ) : null}
    </Stack>
  );
}
