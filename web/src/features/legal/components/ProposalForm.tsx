import { Alert, Button, Divider, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type LegalActionKindDto, type LegalCheckDto, legalActionKinds } from '@relance/contracts/legal-actions';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { ApiError } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { precheckOptions, useProposeLegalAction } from '../api/legal.ts';
import { legalMessages } from '../messages.ts';
import { CostEstimateTable } from './CostEstimateTable.tsx';
import { CheckList, PrecheckDetails } from './PrecheckVerdicts.tsx';
import { VenuePicker } from './VenuePicker.tsx';

/**
 * No action open: the agent picks a procedure, reads every pre-check verdict, the claims covered,
 * the court or commissaire found and the estimated costs, then proposes (disabled while a check
 * fails; a 422 from the server is shown with its message and verdicts).
 */
export function ProposalForm({ caseId, currency }: { caseId: string; currency: string }) {
  const t = useT(legalMessages);
  const [kind, setKind] = useState<LegalActionKindDto>('injonction_de_payer');
  const [note, setNote] = useState('');
  const [venueId, setVenueId] = useState<string | null>(null);
  const precheck = useQuery(precheckOptions(caseId, kind));
  const propose = useProposeLegalAction(caseId);
  const refusedChecks = propose.error instanceof ApiError ? (propose.error.details as { checks?: LegalCheckDto[] } | undefined)?.checks : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!precheck.data?.ok) return;
    const venue = venueId ? (kind === 'injonction_de_payer' ? { courtId: venueId } : { commissaireId: venueId }) : {};
    propose.mutate(
      { kind, ...venue, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('legal.proposed') }) },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="legal-proposal-form">
      <Stack gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="legal-kind-label">
            {t('legal.kindLabel')}
          </Text>
          <SegmentedControl
            aria-labelledby="legal-kind-label"
            value={kind}
            onChange={(value) => {
              setKind(value as LegalActionKindDto);
              setVenueId(null);
              propose.reset();
            }}
            data={legalActionKinds.map((value) => ({ value, label: t(`legal.kind.${value}`) }))}
            data-testid="legal-kind"
          />
          <Text size="xs" c="dimmed">
            {t('legal.kindHelp')}
          </Text>
        </Stack>
        <Divider />
        <Title order={5}>{t('legal.precheckTitle')}</Title>
        {precheck.isPending ? (
          <LoadingState />
        ) : precheck.isError ? (
          <ErrorState error={precheck.error} onRetry={() => void precheck.refetch()} />
        ) : (
          <Stack gap="sm" data-testid="legal-precheck" data-ok={precheck.data.ok}>
            <CheckList checks={precheck.data.checks} />
            <PrecheckDetails precheck={precheck.data} currency={currency} />
            <Title order={6}>{t('legal.estimatedCosts')}</Title>
            <CostEstimateTable estimate={precheck.data.estimatedCosts} currency={currency} />
            {precheck.data.checks.some((check) => check.check === 'court' && check.status === 'warn') && <VenuePicker kind={kind} value={venueId} onChange={setVenueId} />}
          </Stack>
        )}
        <Textarea label={t('legal.note')} autosize minRows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} data-testid="legal-note" />
        {propose.isError && (
          <Stack gap={4} data-testid="legal-propose-error">
            <ErrorState error={propose.error} />
            {refusedChecks && <CheckList checks={refusedChecks.filter((check) => check.status !== 'pass')} />}
          </Stack>
        )}
        {precheck.data && !precheck.data.ok && (
          <Alert color="red" variant="light" data-testid="legal-propose-blocked">
            {t('legal.proposeBlocked')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={propose.isPending} disabled={!precheck.data?.ok} data-testid="legal-propose">
            {t('legal.propose')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
