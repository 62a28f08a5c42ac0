import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ImportField, type ImportMapping, type ImportPreview, importFields, requiredImportFields } from '@relance/contracts/imports';
import { type UseMutationResult, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatNumber, useT } from '../../../shared/i18n.ts';
import { importPreviewOptions, useCommitImport, useRefreshPreview } from '../api/imports.ts';
import { importsMessages } from '../messages.ts';
import { ImportCount } from './ImportCount.tsx';
import { ImportMappingTable } from './ImportMappingTable.tsx';
import { PreviewRows } from './ImportPreviewRows.tsx';

function sameMapping(a: ImportMapping, b: ImportMapping): boolean {
  return importFields.every((field) => (a[field] ?? '') === (b[field] ?? ''));
}

/** Step 2: the column mapping (pre-filled from the saved or suggested one), the first rows as parsed and the dry-run counts. */
export function ImportMappingStep({ importId, onCancel }: { importId: string; onCancel: () => void }) {
  const preview = useQuery(importPreviewOptions(importId));
  const refresh = useRefreshPreview(importId);
  const commit = useCommitImport(importId);
  // What the user chose; null while they keep the server's mapping.
  const [draft, setDraft] = useState<ImportMapping | null>(null);
  // The mapping the shown preview was computed with (null: the server's own).
  const [previewed, setPreviewed] = useState<ImportMapping | null>(null);

  if (preview.isPending) return <LoadingState />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;

  const data = preview.data;
  const mapping = draft ?? data.mapping;
  const dirty = draft !== null && !sameMapping(draft, previewed ?? data.mapping);
  const missing = requiredImportFields.filter((field) => !mapping[field]);
  const canCommit = missing.length === 0 && !dirty && data.headers.length > 0;
  // The server only reads rows (dry run) once every required field is mapped.
  const previewIncomplete = requiredImportFields.some((field) => !data.mapping[field]);

  function choose(field: ImportField, header: string) {
    const next: ImportMapping = { ...mapping };
    if (header) next[field] = header;
    else delete next[field];
    setDraft(next);
  }

  function update() {
    const sent = mapping;
    refresh.mutate(sent, { onSuccess: () => setPreviewed(sent) });
  }

  return (
    <Stack gap="md">
      <DetectedCard data={data} mappingShown={draft === null} previewIncomplete={previewIncomplete} />
      <ImportMappingTable data={data} mapping={mapping} guessed={draft === null} dirty={dirty} choose={choose} update={update} refresh={refresh} />
      <PreviewRows preview={data} mapping={mapping} incomplete={previewIncomplete} />
      <DryRunCard
        data={data}
        blocked={missing.length > 0}
        canCommit={canCommit}
        commit={commit}
        onCommit={() => commit.mutate(draft ?? undefined)}
        onCancel={onCancel}
      />
    </Stack>
  );
}

/** What the server read from the file: encoding, delimiter, sheet, row count. */
function DetectedCard({ data, mappingShown, previewIncomplete }: { data: ImportPreview; mappingShown: boolean; previewIncomplete: boolean }) {
  const t = useT(importsMessages);
  return (
    <Paper p="md">
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={4}>{t('imports.detected')}</Title>
        {/* "explicit" only echoes the user's own choice: not worth a line. */}
        {data.mappingSource !== 'explicit' && mappingShown && (
          <Text size="sm" c="dimmed" data-testid="import-mapping-source">
            {t.dyn(`imports.mappingSource.${data.mappingSource}`, data.mappingSource)}
          </Text>
        )}
      </Group>
      <Group gap="lg" data-testid="import-detected">
        {data.encoding && <Fact label={t('imports.encoding')} value={data.encoding} />}
        {data.delimiter && <Fact label={t('imports.delimiter')} value={data.delimiter === '\t' ? t('imports.tab') : `« ${data.delimiter} »`} />}
        {data.sheet && <Fact label={t('imports.sheetRead')} value={data.sheet} />}
        {!previewIncomplete && <Fact label={t('imports.rows')} value={formatNumber(data.counts.rows, t.locale)} />}
      </Group>
    </Paper>
  );
}

/** What the import would do (dry run), and the commit once every required field is mapped and the preview is current. */
function DryRunCard({
  data,
  blocked,
  canCommit,
  commit,
  onCommit,
  onCancel,
}: {
  data: ImportPreview;
  blocked: boolean;
  canCommit: boolean;
  commit: Pick<UseMutationResult<unknown, Error, ImportMapping | undefined>, 'isPending' | 'isError' | 'error'>;
  onCommit: () => void;
  onCancel: () => void;
}) {
  const t = useT(importsMessages);
  return (
    <Paper p="md">
      <Title order={5} mb="xs">
        {t('imports.wouldDo')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="import-preview-counts" data-complete={data.countsComplete}>
        <ImportCount label={t('imports.created')} value={data.counts.created} testId="import-preview-created" color="teal.7" />
        <ImportCount label={t('imports.updated')} value={data.counts.updated} testId="import-preview-updated" />
        <ImportCount label={t('imports.unchanged')} value={data.counts.unchanged} testId="import-preview-unchanged" />
        <ImportCount
          label={t('imports.rejected')}
          value={data.counts.rejected}
          testId="import-preview-rejected"
          color={data.counts.rejected > 0 ? 'red.7' : undefined}
        />
      </SimpleGrid>
      {!data.countsComplete && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('imports.countsPartial')}
        </Text>
      )}
      {blocked && (
        <Alert color="red" variant="light" mt="sm" data-testid="import-mapping-missing">
          {t('imports.commitBlocked')}
        </Alert>
      )}
      {commit.isError && <ErrorState error={commit.error} />}
      <Group justify="space-between" mt="md">
        <Button variant="subtle" color="gray" onClick={onCancel} data-testid="import-start-over">
          {t('imports.startOver')}
        </Button>
        <Button
          onClick={onCommit}
          disabled={!canCommit}
          loading={commit.isPending}
          data-testid="import-commit"
        >
          {t('imports.commit')}
        </Button>
      </Group>
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Stack>
  );
}
