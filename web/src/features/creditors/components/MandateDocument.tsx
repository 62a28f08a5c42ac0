import { Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Creditor } from '@relance/contracts/creditors';
import { useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { downloadMandateDocument, useUploadMandateDocument } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';

const formatSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} Ko` : `${(bytes / 1024 / 1024).toFixed(1)} Mo`);

/** The signed R124-3 mandate as a PDF: upload (replaces), download, and its fingerprint. */
export function MandateDocument({ creditor }: { creditor: Creditor }) {
  const t = useT(creditorsMessages);
  const mutation = useUploadMandateDocument(creditor.id);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);
  const document = creditor.mandate.document;

  async function download() {
    setDownloadError(null);
    setDownloading(true);
    try {
      await downloadMandateDocument(creditor);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Paper p="md" data-testid="mandate-document">
      <Title order={4} mb="sm">
        {t('creditors.mandateDocument')}
      </Title>
      <Stack gap="xs">
        {document ? (
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate data-testid="mandate-document-name">
                {document.fileName}
              </Text>
              <Text size="xs" c="dimmed">
                {formatSize(document.sizeBytes)} · {formatDateTime(document.uploadedAt, t.locale)}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace" title={document.sha256}>
                SHA-256 {document.sha256.slice(0, 16)}…
              </Text>
            </Stack>
            <Button size="xs" variant="light" onClick={() => void download()} loading={downloading} data-testid="mandate-download">
              {t('creditors.download')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('creditors.noMandateDocument')}
          </Text>
        )}
        <Box>
          <Text size="xs" c="dimmed" mb={4}>
            {document ? t('creditors.mandateReplace') : t('creditors.mandateUploadHelp')}
          </Text>
          <input
            type="file"
            accept="application/pdf,.pdf"
            aria-label={t('creditors.mandateDocument')}
            disabled={mutation.isPending}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file)
                mutation.mutate(file, {
                  onSuccess: () => notifications.show({ color: 'teal', message: t('creditors.mandateUploaded') }),
                });
            }}
            data-testid="mandate-input"
          />
        </Box>
        {mutation.isPending && (
          <Text size="xs" c="dimmed">
            {t('creditors.uploading')}
          </Text>
        )}
        {mutation.isError && <ErrorState error={mutation.error} />}
        {downloadError != null && <ErrorState error={downloadError} />}
      </Stack>
    </Paper>
  );
}
