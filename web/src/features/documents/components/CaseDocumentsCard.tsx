import { Badge, Button, FileButton, Group, Paper, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { CaseDocument, PieceKind } from '@relance/contracts/documents';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PieceKindSelect } from '../../../shared/components/PieceKindSelect.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useDownload } from '../../../shared/useDownload.ts';
import { useUploadDocument } from '../../../shared/useUploadDocument.ts';
import { caseDocumentsOptions, downloadDocument } from '../api/documents.ts';
import { documentsMessages } from '../messages.ts';

const ACCEPT = 'application/pdf,image/png,image/jpeg,text/plain,.pdf,.png,.jpg,.jpeg,.txt';
const MAX_BYTES = 10 * 1024 * 1024;

const formatSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.ceil(bytes / 1024))} Ko` : `${(bytes / 1024 / 1024).toFixed(1)} Mo`);

/**
 * Evidence kept on the case (every letter, e-mail and SMS sent, with its SHA-256) and uploads: staff
 * and the creditor's users add files (claim documents: invoices, contracts... as pièces); a
 * creditor's read-only user (viewer) adds nothing, as the API says.
 */
export function CaseDocumentsCard({ caseId }: { caseId: string }) {
  const t = useT(documentsMessages);
  const user = useUser();
  const mayUpload = user.role !== 'creditor' || user.creditorRole !== 'viewer';
  const query = useQuery(caseDocumentsOptions(caseId));
  const { download, downloading, error: downloadError } = useDownload(downloadDocument, (document_: CaseDocument) => document_.id);

  return (
    <Paper p="md" data-testid="case-documents">
      <Title order={4} mb="sm">
        {t('documents.title')}
      </Title>
      {mayUpload && <UploadControls caseId={caseId} />}
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyBlock title={t('documents.empty')}>{t('documents.emptyHelp')}</EmptyBlock>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6} data-testid="documents-table">
            <Table.Tbody>
              {query.data.items.map((document_) => (
                <DocumentRow
                  key={document_.id}
                  document_={document_}
                  downloading={downloading === document_.id}
                  onDownload={() => void download(document_)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {downloadError != null && <ErrorState error={downloadError} />}
    </Paper>
  );
}

/** Add a document to the case: an optional title and pièce kind, then the file (uploaded at once, with its progress). */
function UploadControls({ caseId }: { caseId: string }) {
  const t = useT(documentsMessages);
  const { state, upload, reset } = useUploadDocument(caseId);
  const [title, setTitle] = useState('');
  const [pieceKind, setPieceKind] = useState<PieceKind | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  function choose(file: File | null) {
    reset();
    setLocalError(null);
    if (!file) return;
    // Checked again by the server (which reads the content): this only saves a useless upload.
    if (file.size > MAX_BYTES) {
      setLocalError(t('documents.tooLarge'));
      return;
    }
    void upload(file, { title: title.trim() || undefined, pieceKind }).then(() => setTitle(''));
  }

  return (
    <Stack gap={6} mb="sm">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          size="xs"
          label={t('documents.uploadTitle')}
          placeholder={t('documents.uploadTitlePlaceholder')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          maxLength={200}
          w={260}
          data-testid="document-title"
        />
        <PieceKindSelect value={pieceKind} onChange={setPieceKind} testId="document-piece-kind" />
        <FileButton onChange={choose} accept={ACCEPT}>
          {(props) => (
            <Button size="xs" variant="light" {...props} loading={state.status === 'uploading'} data-testid="document-upload">
              {t('documents.upload')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('documents.uploadHelp')}
        </Text>
      </Group>
      {state.status === 'uploading' && (
        <Progress value={state.percent} size="sm" animated aria-label={t('documents.uploading')} data-testid="document-progress" />
      )}
      {state.status === 'done' && (
        <Text size="xs" c="teal" data-testid="document-uploaded">
          {t('documents.uploaded', { name: state.document.fileName })}
        </Text>
      )}
      {state.status === 'error' && <ErrorState error={state.error} title={t('documents.uploadFailed')} />}
      {localError && <ErrorState error={new Error(localError)} title={t('documents.uploadFailed')} />}
    </Stack>
  );
}

/** One document: title, date, size, fingerprint, kind, and its download. */
function DocumentRow({ document_, downloading, onDownload }: { document_: CaseDocument; downloading: boolean; onDownload: () => void }) {
  const t = useT(documentsMessages);
  return (
    <Table.Tr key={document_.id} data-testid="document-row" data-kind={document_.kind}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {document_.title}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(document_.createdAt, t.locale)} · {formatSize(document_.sizeBytes)} ·{' '}
          <Text span ff="monospace" size="xs" title={document_.sha256}>
            SHA-256 {document_.sha256.slice(0, 12)}…
          </Text>
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={document_.kind === 'upload' ? 'gray' : 'indigo'}>
          {t.dyn(`documents.kind.${document_.kind}`, document_.kind)}
        </Badge>
        {document_.pieceKind && <PieceKindBadge kind={document_.pieceKind} />}
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-xs"
          variant="subtle"
          loading={downloading}
          onClick={onDownload}
          data-testid="document-download"
        >
          {t('documents.download')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** The pièce an upload is (invoice, contract...): what a legal action would file it as. */
function PieceKindBadge({ kind }: { kind: PieceKind }) {
  const t = useT(staffMessages);
  return (
    <Badge variant="outline" color="gray" ml={4} styles={{ label: { textTransform: 'none' } }} data-testid="document-piece-kind-badge">
      {t(`pieceKind.${kind}`)}
    </Badge>
  );
}
