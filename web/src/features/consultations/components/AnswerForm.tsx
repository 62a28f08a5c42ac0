import { Button, CloseButton, FileButton, Group, Progress, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Consultation } from '@relance/contracts/consultations';
import type { FormEvent } from 'react';
import { PieceKindSelect } from '../../../shared/components/PieceKindSelect.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { consultationsMessages } from '../messages.ts';
import { useAnswerForm } from './useAnswerForm.ts';

const ACCEPT = 'application/pdf,image/png,image/jpeg,text/plain,.pdf,.png,.jpg,.jpeg,.txt';

/** The creditor answers a consultation: text, files (uploaded to the case at once, as pièces), send. */
export function AnswerForm({ consultation }: { consultation: Consultation }) {
  const t = useT(consultationsMessages);
  const form = useAnswerForm(consultation, () => notifications.show({ color: 'teal', message: t('consultations.sent') }));
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    form.submit();
  }
  return (
    <form onSubmit={onSubmit} data-testid="consultation-answer-form">
      <Stack gap="xs">
        <Textarea
          label={t('consultations.answerLabel')}
          placeholder={t('consultations.answerPlaceholder')}
          value={form.answer}
          onChange={(event) => form.setAnswer(event.currentTarget.value)}
          error={form.problem === 'answerRequired' ? t('consultations.answerRequired') : undefined}
          autosize
          minRows={3}
          maxLength={8000}
          data-testid="consultation-answer"
        />
        <Group gap="xs" align="flex-end" wrap="wrap">
          <PieceKindSelect value={form.pieceKind} onChange={form.setPieceKind} testId="consultation-piece-kind" />
          <FileButton onChange={(file) => void form.attach(file)} accept={ACCEPT}>
            {(props) => (
              <Button size="xs" variant="light" {...props} loading={form.uploadState.status === 'uploading'} data-testid="consultation-attach">
                {t('consultations.attach')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('consultations.attachHelp')}
          </Text>
        </Group>
        {form.uploadState.status === 'uploading' && <Progress value={form.uploadState.percent} size="sm" animated aria-label={t('consultations.attach')} />}
        {form.uploadState.status === 'error' && <ErrorState error={form.uploadState.error} title={t('consultations.uploadFailed')} />}
        {form.problem === 'tooLarge' && <ErrorState error={new Error(t('consultations.tooLarge'))} title={t('consultations.uploadFailed')} />}
        {form.files.map((file) => (
          <Group key={file.id} gap={4} data-testid="consultation-attached">
            <Text size="sm">{file.fileName}</Text>
            <CloseButton size="sm" aria-label={t('consultations.remove', { name: file.fileName })} onClick={() => form.remove(file.id)} />
          </Group>
        ))}
        {form.send.isError && <ErrorState error={form.send.error} title={t('consultations.sendFailed')} />}
        <Group>
          <Button type="submit" loading={form.send.isPending} disabled={form.uploadState.status === 'uploading'} data-testid="consultation-send">
            {t('consultations.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
