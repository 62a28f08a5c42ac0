import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import type { Message, MessagePreview } from '@relance/contracts/messages';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { apiBlob } from '../../../shared/session.ts';
import { messagePreviewOptions } from '../api/messages.ts';
import { messagesFeatureMessages } from '../messages.ts';
import { MessageStatusBadge } from './MessageStatusBadge.tsx';

async function openPdf(downloadUrl: string) {
  const { blob } = await apiBlob(downloadUrl);
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A message as the debtor sees it: the e-mail's HTML in a sandboxed frame (no script, no same origin), its text, the letter PDF. */
export function MessagePreviewModal({ message, onClose }: { message: Message | null; onClose: () => void }) {
  const t = useT(messagesFeatureMessages);
  return (
    <Modal opened={message !== null} onClose={onClose} size="xl" title={message ? `${t.dyn(`messages.template.${message.template}`, message.template)} · ${message.caseReference}` : ''}>
      {message && <PreviewBody message={message} />}
    </Modal>
  );
}

function PreviewBody({ message }: { message: Message }) {
  const t = useT(messagesFeatureMessages);
  const query = useQuery(messagePreviewOptions(message.id));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const preview = query.data;
  return (
    <Stack gap="sm" data-testid="message-preview">
      <Group gap="xs">
        <MessageStatusBadge status={message.status} />
        <Badge variant="outline" color="gray">
          {t.dyn(`messages.channel.${message.channel}`, message.channel)}
        </Badge>
        {message.reference && (
          <Text size="sm" c="dimmed" ff="monospace">
            {message.reference}
          </Text>
        )}
      </Group>
      {message.statusReason && (
        <Alert color={message.status === 'blocked' ? 'red' : 'orange'} variant="light" data-testid="message-reason">
          {message.statusReason}
        </Alert>
      )}
      <Envelope message={message} preview={preview} />
      {preview.html && <HtmlOrText preview={preview} html={preview.html} />}
      {!preview.html && preview.text && (
        <Paper withBorder p="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-text">
          {preview.text}
        </Paper>
      )}
      {preview.attachments.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('messages.attachments')} : {preview.attachments.map((attachment) => attachment.fileName).join(', ')}
        </Text>
      )}
      {message.downloadUrl && (message.channel === 'letter' || message.channel === 'registered_letter') && (
        <LetterPdfButton downloadUrl={message.downloadUrl} />
      )}
      {!message.downloadUrl && !preview.text && (
        <Text size="sm" c="dimmed">
          {t('messages.noEvidence')}
        </Text>
      )}
    </Stack>
  );
}

/** Who sent it to whom, its subject, and when it was queued, sent, delivered, acknowledged. */
function Envelope({ message, preview }: { message: Message; preview: MessagePreview }) {
  const t = useT(messagesFeatureMessages);
  return (
    <Table withRowBorders={false} verticalSpacing={2}>
      <Table.Tbody>
        {preview.from && (
          <Table.Tr>
            <Table.Th w={120}>{t('messages.from')}</Table.Th>
            <Table.Td data-testid="preview-from">{preview.from}</Table.Td>
          </Table.Tr>
        )}
        {preview.replyTo && (
          <Table.Tr>
            <Table.Th>{t('messages.replyTo')}</Table.Th>
            <Table.Td data-testid="preview-reply-to">{preview.replyTo}</Table.Td>
          </Table.Tr>
        )}
        <Table.Tr>
          <Table.Th>{t('messages.to')}</Table.Th>
          <Table.Td style={{ whiteSpace: 'pre-line' }}>{preview.to ?? '—'}</Table.Td>
        </Table.Tr>
        {preview.subject && (
          <Table.Tr>
            <Table.Th>{t('messages.subject')}</Table.Th>
            <Table.Td data-testid="preview-subject">{preview.subject}</Table.Td>
          </Table.Tr>
        )}
        <Table.Tr>
          <Table.Th>{t('messages.queuedAt')}</Table.Th>
          <Table.Td>
            {formatDateTime(message.queuedAt, t.locale)}
            {message.sentAt && ` · ${t('messages.sentAt')} ${formatDateTime(message.sentAt, t.locale)}`}
            {message.presentedAt && ` · ${t('messages.presentedAt')} ${formatDateTime(message.presentedAt, t.locale)}`}
            {message.deliveredAt && ` · ${t('messages.deliveredAt')} ${formatDateTime(message.deliveredAt, t.locale)}`}
            {message.acknowledgedAt && ` · ${t('messages.acknowledgedAt')} ${formatDateTime(message.acknowledgedAt, t.locale)}`}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/** The e-mail as rendered (sandboxed frame) or as its text part. */
function HtmlOrText({ preview, html }: { preview: MessagePreview; html: string }) {
  const t = useT(messagesFeatureMessages);
  const [view, setView] = useState<'html' | 'text'>('html');
  return (
    <>
      <Group gap="xs">
        <Button size="compact-sm" variant={view === 'html' ? 'filled' : 'light'} onClick={() => setView('html')}>
          {t('messages.viewHtml')}
        </Button>
        <Button size="compact-sm" variant={view === 'text' ? 'filled' : 'light'} onClick={() => setView('text')}>
          {t('messages.viewText')}
        </Button>
      </Group>
      {view === 'html' ? (
        <iframe
          title={preview.subject ?? 'e-mail'}
          sandbox=""
          srcDoc={html}
          style={{ width: '100%', height: 520, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6, background: 'white' }}
          data-testid="preview-html"
        />
      ) : (
        <Paper withBorder p="sm" style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 12 }} data-testid="preview-text">
          {preview.text}
        </Paper>
      )}
    </>
  );
}

function LetterPdfButton({ downloadUrl }: { downloadUrl: string }) {
  const t = useT(messagesFeatureMessages);
  const [openError, setOpenError] = useState<unknown>(null);
  return (
    <>
      <Group>
        <Button
          variant="light"
          onClick={() => {
            setOpenError(null);
            openPdf(downloadUrl).catch(setOpenError);
          }}
          data-testid="preview-open-pdf"
        >
          {t('messages.openPdf')}
        </Button>
      </Group>
      {openError != null && <ErrorState error={openError} />}
    </>
  );
}
