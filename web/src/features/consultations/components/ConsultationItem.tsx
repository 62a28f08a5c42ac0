import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { Consultation } from '@relance/contracts/consultations';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useDownload } from '../../../shared/useDownload.ts';
import { downloadConsultationDocument } from '../api/consultations.ts';
import { consultationsMessages } from '../messages.ts';

const STATUS_COLOR = { open: 'orange', answered: 'teal', closed: 'gray' } as const;

/** One consultation: the case, the dispute, the question, the answer and its files (downloadable); `children` below (the answer form). */
export function ConsultationItem({ consultation, showCase, children }: { consultation: Consultation; showCase: boolean; children?: ReactNode }) {
  const t = useT(consultationsMessages);
  return (
    <Paper withBorder p="sm" data-testid="consultation" data-status={consultation.status} data-id={consultation.id}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          {showCase ? (
            <Anchor component={Link} to={`/cases/${consultation.caseId}`} fw={600} size="sm">
              {t('consultations.case', { reference: consultation.caseReference, debtor: consultation.debtorName })}
            </Anchor>
          ) : (
            <span />
          )}
          <Badge color={STATUS_COLOR[consultation.status]} variant="light" styles={{ label: { textTransform: 'none' } }}>
            {t(`consultations.status.${consultation.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('consultations.disputeReason', { reason: consultation.disputeReason })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('consultations.askedBy', { who: consultation.askedByName ?? t('consultations.agency'), date: formatDateTime(consultation.askedAt, t.locale) })}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="consultation-question">
          {consultation.question}
        </Text>
        {consultation.answer !== null && <AnswerBlock consultation={consultation} />}
        {children}
      </Stack>
    </Paper>
  );
}

function AnswerBlock({ consultation }: { consultation: Consultation }) {
  const t = useT(consultationsMessages);
  const { download, downloading } = useDownload(
    (document_: { id: string; fileName: string }) => downloadConsultationDocument(consultation.caseId, document_),
    (document_) => document_.id,
  );
  return (
    <Stack gap={4} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-teal-4)' }} data-testid="consultation-answer-shown">
      <Text size="xs" c="dimmed">
        {t('consultations.answeredBy', {
          who: consultation.answeredByName ?? t('consultations.creditor'),
          date: consultation.answeredAt ? formatDateTime(consultation.answeredAt, t.locale) : '—',
        })}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {consultation.answer}
      </Text>
      {consultation.documents.length > 0 && (
        <Group gap="xs" wrap="wrap">
          <Text size="xs" fw={600}>
            {t('consultations.documents')}
          </Text>
          {consultation.documents.map((document_) => (
            <Button
              key={document_.id}
              size="compact-xs"
              variant="subtle"
              loading={downloading === document_.id}
              onClick={() => void download(document_)}
              aria-label={t('consultations.download', { name: document_.fileName })}
              data-testid="consultation-document"
            >
              {document_.fileName}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
