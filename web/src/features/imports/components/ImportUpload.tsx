import { Anchor, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { fixedImportColumns } from '@relance/contracts/imports';
import { type FormEvent, useRef, useState } from 'react';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { SubmitRow } from '../../../shared/components/SubmitRow.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { useUploadImport } from '../api/imports.ts';
import { importsMessages } from '../messages.ts';

const sampleRows = [
  ['FA-2025-0412', '15/01/2025', '14/02/2025', '1 250,00', 'societe', 'Boulangerie Martin SARL', '732829320', 'compta@boulangerie-martin.fr', '0142424242', '12 rue des Lilas', '75011', 'Paris'],
  ['FA-2025-0413', '2025-02-03', '2025-03-05', '89.90', 'particulier', 'Julie Durand', '', 'julie.durand@example.fr', '0612345678', '4 allée des Pins', '33000', 'Bordeaux'],
];
const sampleCsv = `${[fixedImportColumns.join(';'), ...sampleRows.map((row) => row.join(';'))].join('\n')}\n`;

/** Step 1: the file (staff choose the creditor first). Creates a pending import; nothing is written yet. */
export function ImportUploadForm({ onUploaded }: { onUploaded: (importId: string) => void }) {
  const t = useT(importsMessages);
  const user = useUser();
  const isStaff = user.role !== 'creditor';
  const [creditorId, setCreditorId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [problem, setProblem] = useState<{ creditor?: string; file?: string }>({});
  const upload = useUploadImport();
  const isXlsx = file ? /\.xlsx$/i.test(file.name) : false;

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof problem = {};
    if (isStaff && !creditorId) next.creditor = t('imports.creditorRequired');
    if (!file) next.file = t('imports.fileRequired');
    setProblem(next);
    if (!file || next.creditor) return;
    upload.mutate(
      { file, creditorId: isStaff ? creditorId : undefined, sheet: isXlsx && sheet.trim() ? sheet.trim() : undefined },
      { onSuccess: (created) => onUploaded(created.id) },
    );
  }

  return (
    <Paper p="md">
      <form onSubmit={submit} noValidate data-testid="import-form">
        <Stack gap="sm">
          {isStaff && (
            <CreditorSelect
              label={t('common.creditor')}
              value={creditorId}
              onChange={(value) => {
                setCreditorId(value);
                setProblem((current) => ({ ...current, creditor: undefined }));
              }}
              testId="import-creditor"
              error={problem.creditor}
            />
          )}
          <FileField
            error={problem.file}
            onChange={(chosen) => {
              setFile(chosen);
              setProblem((current) => ({ ...current, file: undefined }));
            }}
          />
          {isXlsx && (
            <TextInput
              label={t('imports.sheet')}
              description={t('imports.sheetHelp')}
              value={sheet}
              onChange={(event) => setSheet(event.currentTarget.value)}
              data-testid="import-sheet"
            />
          )}
          <SubmitRow mutation={upload} label={t('imports.next')} testId="import-submit" />
        </Stack>
      </form>
    </Paper>
  );
}

/** The file to import, its help and its error under it. */
function FileField({ error, onChange }: { error: string | undefined; onChange: (file: File | null) => void }) {
  const t = useT(importsMessages);
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} component="label" htmlFor="import-file">
        {t('imports.file')}
      </Text>
      <input
        id="import-file"
        ref={fileRef}
        type="file"
        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-describedby="import-file-help"
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.currentTarget.files?.[0] ?? null)}
        data-testid="import-file"
      />
      <Text size="xs" c="dimmed" id="import-file-help">
        {t('imports.fileHelp')}
      </Text>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** The expected columns and a sample file; any header wording works, the next step maps it. */
export function ImportFormat() {
  const t = useT(importsMessages);
  return (
    <Paper p="md">
      <Title order={5} mb={4}>
        {t('imports.expected')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('imports.expectedHelp')}
      </Text>
      <Group gap={4} mb="sm" data-testid="import-columns">
        {fixedImportColumns.map((column, index) => (
          <Code key={column}>
            {index + 1}. {column}
          </Code>
        ))}
      </Group>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          {t('imports.sample')}
        </Text>
        <Anchor size="sm" href={`data:text/csv;charset=utf-8,${encodeURIComponent(sampleCsv)}`} download="exemple-import.csv">
          {t('imports.downloadSample')}
        </Anchor>
      </Group>
      <Code block fz={11} style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
        {sampleCsv}
      </Code>
    </Paper>
  );
}
