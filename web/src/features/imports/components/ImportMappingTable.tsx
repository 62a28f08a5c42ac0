import { Button, Group, NativeSelect, Paper, Table, Text, Title } from '@mantine/core';
import { type ImportField, type ImportMapping, type ImportPreview, importFields, requiredImportFields } from '@relance/contracts/imports';
import type { UseMutationResult } from '@tanstack/react-query';
import { ErrorState } from '../../../shared/components/states.tsx';
import { type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { importsMessages } from '../messages.ts';

const required = new Set<ImportField>(requiredImportFields);

/** Which column feeds which field; each field says what is wrong with its choice (missing, ambiguous, used twice). */
export function ImportMappingTable({
  data,
  mapping,
  guessed,
  dirty,
  choose,
  update,
  refresh,
}: {
  data: ImportPreview;
  mapping: ImportMapping;
  /** The server's mapping is still shown: its ambiguous guesses are worth a word. */
  guessed: boolean;
  dirty: boolean;
  choose: (field: ImportField, header: string) => void;
  update: () => void;
  refresh: Pick<UseMutationResult<unknown, Error, ImportMapping>, 'isPending' | 'isError' | 'error'>;
}) {
  const t = useT(importsMessages);
  const usage = new Map<string, number>();
  for (const field of importFields) {
    const header = mapping[field];
    if (header) usage.set(header, (usage.get(header) ?? 0) + 1);
  }
  const ambiguous = new Map(data.ambiguous.map((entry) => [entry.field, entry.headers]));

  return (
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
                {importFields.map((field) => (
                  <MappingRow
                    key={field}
                    field={field}
                    header={mapping[field] ?? ''}
                    headers={data.headers}
                    problem={mappingProblem(t, field, mapping[field] ?? '', guessed ? ambiguous.get(field) : undefined, usage)}
                    choose={choose}
                  />
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end" mt="sm" gap="sm">
        {dirty && (
          <Text size="sm" c="orange.9" data-testid="import-mapping-dirty">
            {t('imports.mappingChanged')}
          </Text>
        )}
        <Button variant={dirty ? 'filled' : 'default'} onClick={update} loading={refresh.isPending} data-testid="import-preview-update">
          {t('imports.updatePreview')}
        </Button>
      </Group>
      {refresh.isError && <ErrorState error={refresh.error} />}
    </Paper>
  );
}

function mappingProblem(
  t: Translate<MessageKey<typeof importsMessages>>,
  field: ImportField,
  header: string,
  choices: readonly string[] | undefined,
  usage: Map<string, number>,
): string | null {
  return required.has(field) && !header
    ? t('imports.missingReason')
    : choices && choices.length > 0
      ? t('imports.ambiguousReason', { headers: choices.map((h) => `« ${h} »`).join(', ') })
      : header && (usage.get(header) ?? 0) > 1
        ? t('imports.duplicateReason')
        : null;
}

function MappingRow({
  field,
  header,
  headers,
  problem,
  choose,
}: {
  field: ImportField;
  header: string;
  headers: readonly string[];
  problem: string | null;
  choose: (field: ImportField, header: string) => void;
}) {
  const t = useT(importsMessages);
  const isRequired = required.has(field);
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
          data={[{ value: '', label: t('imports.notMapped') }, ...headers.map((h) => ({ value: h, label: h }))]}
          error={problem ?? undefined}
          aria-invalid={problem ? true : undefined}
          data-testid="import-mapping-select"
        />
      </Table.Td>
    </Table.Tr>
  );
}
