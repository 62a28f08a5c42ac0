import { Button, Grid, Stack, Stepper } from '@mantine/core';
import type { ImportSummary } from '@relance/contracts/imports';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { importOptions, useCommitImport, useImportFinished } from '../api/imports.ts';
import { ImportHistory } from '../components/ImportHistory.tsx';
import { ImportMappingStep } from '../components/ImportMappingStep.tsx';
import { ImportProgress } from '../components/ImportProgress.tsx';
import { ImportResult } from '../components/ImportResult.tsx';
import { ImportFormat, ImportUploadForm } from '../components/ImportUpload.tsx';
import { importsMessages } from '../messages.ts';

const stepOf: Record<ImportSummary['status'], number> = { pending: 1, running: 2, completed: 3, failed: 3, cancelled: 3 };

/** Upload -> mapping and preview -> live progress -> result; the import in progress is kept in the URL (?import=id). */
export function ImportsPage() {
  const t = useT(importsMessages);
  const [searchParams, setSearchParams] = useSearchParams();
  const activeId = searchParams.get('import');
  const top = useRef<HTMLDivElement>(null);

  function open(id: string | null) {
    setSearchParams(id ? { import: id } : {}, { replace: false });
    top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  return (
    <>
      <div ref={top} />
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      {activeId ? (
        <ActiveImport key={activeId} id={activeId} onClose={() => open(null)} />
      ) : (
        <Stack gap="md">
          <Steps active={0} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <ImportUploadForm onUploaded={(id) => open(id)} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <ImportFormat />
            </Grid.Col>
          </Grid>
        </Stack>
      )}
      <ImportHistory activeId={activeId} onOpen={(id) => open(id)} />
    </>
  );
}

function Steps({ active }: { active: number }) {
  const t = useT(importsMessages);
  return (
    <Stepper active={active} size="sm" allowNextStepsSelect={false} data-testid="import-steps" data-step={active}>
      <Stepper.Step label={t('imports.step.upload')} />
      <Stepper.Step label={t('imports.step.mapping')} />
      <Stepper.Step label={t('imports.step.run')} />
      <Stepper.Step label={t('imports.step.result')} />
    </Stepper>
  );
}

function ActiveImport({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT(importsMessages);
  const query = useQuery(importOptions(id));
  const finished = useImportFinished();
  const retry = useCommitImport(id);
  const status = query.data?.status;
  const previous = useRef(status);

  // When a run ends (completed, failed or cancelled), lists elsewhere are stale.
  useEffect(() => {
    if (previous.current === 'running' && status && status !== 'running') finished();
    previous.current = status;
  }, [status, finished]);

  if (query.isPending) return <LoadingState />;
  if (query.isError)
    return (
      <Stack gap="sm" align="flex-start">
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        <Button variant="default" onClick={onClose}>
          {t('imports.startOver')}
        </Button>
      </Stack>
    );

  const summary = query.data;
  return (
    <Stack gap="md">
      <Steps active={summary.status === 'completed' ? 4 : stepOf[summary.status]} />
      {summary.status === 'pending' ? (
        <ImportMappingStep importId={id} onCancel={onClose} />
      ) : summary.status === 'running' ? (
        <ImportProgress summary={summary} />
      ) : (
        <>
          <ImportResult
            summary={summary}
            actions={
              <>
                {summary.status === 'failed' && (
                  <Button size="xs" onClick={() => retry.mutate(undefined)} loading={retry.isPending} data-testid="import-retry">
                    {t('imports.retryCommit')}
                  </Button>
                )}
                <Button size="xs" variant="default" onClick={onClose} data-testid="import-new">
                  {t('imports.startOver')}
                </Button>
              </>
            }
          />
          {retry.isError && <ErrorState error={retry.error} />}
        </>
      )}
    </Stack>
  );
}
