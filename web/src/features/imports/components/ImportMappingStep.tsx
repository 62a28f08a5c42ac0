import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import {
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  importFields,
  requiredImportFields,
} from '@relance/contracts/imports';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatMoney, formatNumber, useT } from '../../../shared/i18n.ts';
import { importPreviewOptions, useCommitImport, useRefreshPreview } from '../api/imports.ts';
import { importsMessages } from '../messages.ts';

const required = new Set<ImportField>(requiredImportFields);

function sameMapping(a: ImportMapping, b: ImportMapping): boolean {
  return importFields.every((field) => (a[field] ?? '') === (b[field] ?? ''));
}

/** Step 2: the column mapping (pre-filled from the saved or suggested one), the first rows as parsed and the dry-run counts. */
export function ImportMappingStep({ importId, onCancel }: { importId: string; onCancel: () => void }) {
  const t = useT(importsMessages);
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
  const usage = new Map<string, number>();
  for (const field of importFields) {
    const header = mapping[field];
    if (header) usage.set(header, (usage.get(header) ?? 0) + 1);
  }
  const ambiguous = new Map(data.ambiguous.map((entry) => [entry.field, entry.headers]));
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
      <Paper p="md">
        <Group justify="space-between" wrap="wrap" mb="xs">
          <Title order={4}>{t('imports.detected')}</Title>
          {/* "explicit" only echoes the user's own choice: not worth a line. */}
          {data.mappingSource !== 'explicit' && draft === null && (
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

      <Paper p="md">
        <Title order={4} mb={4}>
          {t('imports.mapping')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('imports.mappingHelp')}
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="import-mapping" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="38%">{t('imports.fieldCol')}</Table.Th>
                <Table.Th>{t('imports.headerCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {importFields.map((field) => {
                const header = mapping[field] ?? '';
                const isRequired = required.has(field);
                const choices = draft === null ? ambiguous.get(field) : undefined;
                const problem =
                  isRequired && !header
                    ? t('imports.missingReason')
                    : choices && choices.length > 0
                      ? t('imports.ambiguousReason', { headers: choices.map((h) => `« ${h} »`).join(', ') })
                      : header && (usage.get(header) ?? 0) > 1
                        ? t('imports.duplicateReason')
                        : null;
                const label = t.dyn(`imports.field.${field}`, field);
                return (
                  <Table.Tr
                    key={field}
                    data-testid="import-mapping-field"
                    data-field={field}
                    data-required={isRequired}
                    data-problem={problem ? 'true' : undefined}
                    bg={problem ? (isRequired && !header ? 'red.0' : 'yellow.0') : undefined}
                  >
                    <Table.Td>
                      <Text size="sm" fw={isRequired ? 600 : 400} component="label" htmlFor={`import-map-${field}`}>
                        {label}
                        {isRequired && (
                          <Text span c="red.7" aria-label={t('imports.requiredMark')}>
                            {' *'}
                          </Text>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        id={`import-map-${field}`}
                        size="xs"
                        value={header}
                        onChange={(event) => choose(field, event.currentTarget.value)}
                        data={[{ value: '', label: t('imports.notMapped') }, ...data.headers.map((h) => ({ value: h, label: h }))]}
                        error={problem ?? undefined}
                        aria-invalid={problem ? true : undefined}
                        data-testid="import-mapping-select"
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="flex-end" mt="sm" gap="sm">
          {dirty && (
            <Text size="sm" c="orange.8" data-testid="import-mapping-dirty">
              {t('imports.mappingChanged')}
            </Text>
          )}
          <Button variant={dirty ? 'filled' : 'default'} onClick={update} loading={refresh.isPending} data-testid="import-preview-update">
            {t('imports.updatePreview')}
          </Button>
        </Group>
        {refresh.isError && <ErrorState error={refresh.error} />}
      </Paper>

      <PreviewRows preview={data} mapping={mapping} incomplete={previewIncomplete} />

      <Paper p="md">
        <Title order={5} mb="xs">
          {t('imports.wouldDo')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="import-preview-counts" data-complete={data.countsComplete}>
          <Count label={t('imports.created')} value={data.counts.created} testId="import-preview-created" color="teal.7" />
          <Count label={t('imports.updated')} value={data.counts.updated} testId="import-preview-updated" />
          <Count label={t('imports.unchanged')} value={data.counts.unchanged} testId="import-preview-unchanged" />
          <Count
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
        {missing.length > 0 && (
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
            onClick={() => commit.mutate(draft ?? undefined)}
            disabled={!canCommit}
            loading={commit.isPending}
            data-testid="import-commit"
          >
            {t('imports.commit')}
          </Button>
        </Group>
      </Paper>
    </Stack>
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

function Count({ label, value, testId, color }: { label: string; value: number; testId: string; color?: string }) {
  const t = useT(importsMessages);
  return (
    <Paper p="sm" bg="gray.0" withBorder={false}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={700} c={color} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatNumber(value, t.locale)}
      </Text>
    </Paper>
  );
}

const shownFields = ['invoiceRef', 'dueDate', 'amount', 'debtorName'] as const;

/** Parsed rows carry typed values (amountCents, ISO dates); rejected rows carry the raw cells by header. */
function cell(row: ImportPreview['rows'][number], field: (typeof shownFields)[number], mapping: ImportMapping, locale: 'fr' | 'en'): string {
  const values = row.values;
  if (row.rejection) {
    const header = mapping[field];
    const raw = header ? values[header] : null;
    return raw === null || raw === undefined ? '' : String(raw);
  }
  if (field === 'amount') return typeof values.amountCents === 'number' ? formatMoney(values.amountCents, 'EUR', locale) : '';
  if (field === 'dueDate') return typeof values.dueDate === 'string' ? formatDate(values.dueDate, locale) : '';
  const value = values[field];
  return value === null || value === undefined ? '' : String(value);
}

function PreviewRows({ preview, mapping, incomplete }: { preview: ImportPreview; mapping: ImportMapping; incomplete: boolean }) {
  const t = useT(importsMessages);
  return (
    <Paper p="md">
      <Title order={5} mb={2}>
        {t('imports.previewRows')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('imports.previewRowsHelp')}
      </Text>
      {incomplete ? (
        <Text size="sm" c="dimmed" data-testid="import-preview-incomplete">
          {t('imports.previewIncomplete')}
        </Text>
      ) : preview.rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="import-preview-empty">
          {t('imports.noPreviewRows')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped="even" data-testid="import-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th className="num" w={60}>
                  {t('imports.line')}
                </Table.Th>
                {shownFields.map((field) => (
                  <Table.Th key={field} className={field === 'amount' ? 'num' : undefined}>
                    {t.dyn(`imports.field.${field}`, field)}
                  </Table.Th>
                ))}
                <Table.Th>{t('imports.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row) => (
                <Table.Tr
                  key={row.line}
                  data-testid="import-preview-row"
                  data-line={row.line}
                  data-rejected={row.rejection ? 'true' : 'false'}
                  bg={row.rejection ? 'red.0' : undefined}
                >
                  <Table.Td className="num">{row.line}</Table.Td>
                  {shownFields.map((field) => (
                    <Table.Td key={field} className={field === 'amount' ? 'num' : undefined}>
                      <Text size="sm" truncate maw={220}>
                        {cell(row, field, mapping, t.locale)}
                      </Text>
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {row.rejection ? (
                      <Text size="sm" c="red.8">
                        {row.rejection.column ? `${row.rejection.column} : ` : ''}
                        {row.rejection.message}
                      </Text>
                    ) : (
                      <Badge variant="light" color="teal" size="sm">
                        {t('imports.rowOk')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
