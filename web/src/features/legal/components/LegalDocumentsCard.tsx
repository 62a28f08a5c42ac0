import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { LegalDocumentDto } from '@relance/contracts/legal-actions';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { ApiError } from '../../../shared/http.ts';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useDownload } from '../../../shared/useDownload.ts';
import { downloadDossier, downloadLegalDocument, legalDocumentsOptions } from '../api/legal.ts';
import { legalMessages } from '../messages.ts';

const formatSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.ceil(bytes / 1024))} Ko` : `${(bytes / 1024 / 1024).toFixed(1)} Mo`);

/**
 * The requête, the bordereau and the numbered pièces (prepared once both approvals are in), each
 * downloadable, and the whole filing dossier as one ZIP.
 */
export function LegalDocumentsCard({ actionId, caseReference, prepared }: { actionId: string; caseReference: string; prepared: boolean }) {
  const t = useT(legalMessages);
  const query = useQuery(legalDocumentsOptions(actionId, prepared));
  const { download, downloading, error } = useDownload(downloadLegalDocument, (document_: LegalDocumentDto) => document_.id);
  const [zipping, setZipping] = useState(false);
  const [zipError, setZipError] = useState<unknown>(null);

  async function zip() {
    setZipError(null);
    setZipping(true);
    try {
      await downloadDossier(actionId, caseReference);
    } catch (failure) {
      setZipError(failure);
    } finally {
      setZipping(false);
    }
  }

  const items = query.data?.items ?? [];
  return (
    <Stack gap="xs" data-testid="legal-documents">
      <Group justify="space-between">
        <Title order={5}>{t('legal.documentsTitle')}</Title>
        {items.length > 0 && (
          <Button size="xs" variant="light" loading={zipping} onClick={() => void zip()} data-testid="legal-dossier-zip">
            {t('legal.dossierZip')}
          </Button>
        )}
      </Group>
      {!prepared ? (
        <Text size="sm" c="dimmed" data-testid="legal-documents-pending">
          {t('legal.documentsEmptyHelp')}
        </Text>
      ) : query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState
          error={query.error}
          title={query.error instanceof ApiError && query.error.status === 404 ? t('legal.documentsUnavailable') : undefined}
          onRetry={() => void query.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyBlock title={t('legal.documentsEmpty')}>{t('legal.documentsEmptyHelp')}</EmptyBlock>
      ) : (
        <Table verticalSpacing={4} fz="sm" data-testid="legal-documents-table">
          <Table.Tbody>
            {items.map((document_) => (
              <Table.Tr key={document_.id} data-testid="legal-document" data-role={document_.role}>
                <Table.Td w={110}>
                  <Text size="xs" c="dimmed">
                    {document_.number !== null ? t('legal.pieceNumber', { number: document_.number }) : t.dyn(`legal.role.${document_.role}`, document_.role)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {document_.title}
                  <Text size="xs" c="dimmed">
                    {document_.fileName} · {formatSize(document_.sizeBytes)} · {formatDateTime(document_.createdAt, t.locale)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Button size="compact-xs" variant="subtle" loading={downloading === document_.id} onClick={() => void download(document_)} data-testid="legal-document-download">
                    {t('legal.download')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {error != null && <ErrorState error={error} />}
      {zipError != null && <ErrorState error={zipError} />}
    </Stack>
  );
}
