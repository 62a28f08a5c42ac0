import { Alert, Button, Grid, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type LetterPreview, type LetterWording, type MessageTemplateName, messageTemplates } from '@relance/contracts/messages';
import type { WordingProposal } from '@relance/contracts/wording';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { CreditorSelect, useCreditorOptions } from '../../../shared/components/CreditorSelect.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { letterPreviewOptions, letterWordingOptions, useSaveLetterWording } from '../api/wording.ts';
import { PendingProposals } from '../components/PendingProposals.tsx';
import { ProposalStatus } from '../components/ProposalStatus.tsx';
import { wordingMessages } from '../messages.ts';

type Language = 'fr' | 'en';
const emptyWording: LetterWording = { fr: {}, en: {} };

function openPdf(base64: string) {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The creditor's own words in its letters and e-mails (greeting, tone, closing), inside the legal
 * skeleton, with a live preview on one of its real cases (nothing is sent). A creditor's save is a
 * proposal: the page says it awaits the agency's approval, or why it was refused. An agency
 * manager or administrator applies at once, and above the editor approves or refuses the
 * creditors' proposals, each shown as before/after (issue 15).
 */
export function LetterWordingPage() {
  const t = useT(wordingMessages);
  const user = useUser();
  const isCreditor = user.role === 'creditor';
  const creditors = useCreditorOptions(!isCreditor);
  const [chosen, setChosen] = useState('');
  const creditorId = isCreditor ? (user.creditorId ?? '') : chosen || (creditors.data?.items[0]?.id ?? '');
  const saved = useQuery(letterWordingOptions(creditorId));
  const [draft, setDraft] = useState<LetterWording>(emptyWording);
  const [language, setLanguage] = useState<Language>('fr');
  const [template, setTemplate] = useState<MessageTemplateName>('first_letter');
  const save = useSaveLetterWording(creditorId);

  useEffect(() => {
    if (saved.data) setDraft(saved.data);
  }, [saved.data]);

  const [debounced] = useDebouncedValue(draft, 500);
  // A proposal a manager asked to see, shown in the preview until the editor is touched again.
  const [shown, setShown] = useState<LetterWording | null>(null);
  const preview = useQuery(letterPreviewOptions(creditorId, { template, locale: language, wording: shown ?? debounced }));
  const showProposal = (proposal: WordingProposal) => {
    setChosen(proposal.creditorId);
    setShown(proposal.wording);
  };
  const onSave = () =>
    save.mutate(draft, {
      onSuccess: (result) => notifications.show({ color: 'teal', message: t(result.outcome === 'applied' ? 'wording.saved' : 'wording.proposed') }),
    });

  const field = (name: WordingField): FieldProps => ({
    value: draft[language][name] ?? '',
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setShown(null);
      setDraft((current) => ({ ...current, [language]: { ...current[language], [name]: value } }));
    },
    error: preview.data?.wordingProblems.find((problem) => problem.field === `${language}.${name}`)?.message,
  });

  return (
    <>
      <PageHeader title={t('wording.title')} subtitle={t('wording.subtitle')} />
      {!isCreditor && <PendingProposals onPreview={showProposal} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper p="md">
            <Stack gap="sm">
              {!isCreditor && <CreditorSelect value={creditorId} onChange={setChosen} label={t('common.creditor')} testId="wording-creditor" />}
              {isCreditor ? (
                creditorId && <ProposalStatus creditorId={creditorId} />
              ) : (
                <Text size="xs" c="dimmed">
                  {t('wording.staffApplies')}
                </Text>
              )}
              <SegmentedControl
                value={language}
                onChange={(value) => setLanguage(value as Language)}
                data={[
                  { value: 'fr', label: 'Français' },
                  { value: 'en', label: 'English' },
                ]}
              />
              {saved.isPending && creditorId ? (
                <LoadingState />
              ) : saved.isError ? (
                <ErrorState error={saved.error} onRetry={() => void saved.refetch()} />
              ) : (
                <WordingFields
                  language={language}
                  field={field}
                  save={save}
                  canSave={!!creditorId}
                  onSave={onSave}
                />
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <PreviewPane creditorId={creditorId} preview={preview} template={template} onTemplate={setTemplate} />
        </Grid.Col>
      </Grid>
    </>
  );
}

type WordingField = 'greeting' | 'toneParagraph' | 'closing';
type FieldProps = { value: string; onChange: (event: { currentTarget: { value: string } }) => void; error: string | undefined };

/** The three texts the creditor may word, in the language shown, and the save button. */
function WordingFields({
  language,
  field,
  save,
  canSave,
  onSave,
}: {
  language: Language;
  field: (name: WordingField) => FieldProps;
  save: { isPending: boolean; isError: boolean; error: unknown };
  canSave: boolean;
  onSave: () => void;
}) {
  const t = useT(wordingMessages);
  return (
    <>
      <TextInput label={t('wording.greeting')} placeholder={language === 'fr' ? 'Madame, Monsieur,' : 'Dear Sir or Madam,'} maxLength={120} {...field('greeting')} data-testid="wording-greeting" />
      <Textarea label={t('wording.tone')} description={t('wording.toneHelp')} autosize minRows={3} maxLength={800} {...field('toneParagraph')} data-testid="wording-tone" />
      <TextInput
        label={t('wording.closing')}
        placeholder={language === 'fr' ? 'Veuillez agréer nos salutations distinguées.' : 'Yours faithfully,'}
        maxLength={300}
        {...field('closing')}
        data-testid="wording-closing"
      />
      <Text size="xs" c="dimmed">
        {t('wording.legalNote')}
      </Text>
      {save.isError && <ErrorState error={save.error} />}
      <Group justify="flex-end">
        <Button
          loading={save.isPending}
          disabled={!canSave}
          onClick={onSave}
          data-testid="wording-save"
        >
          {t('common.save')}
        </Button>
      </Group>
    </>
  );
}

/** The letter as the debtor would get it, on one of the creditor's real cases (nothing is sent). */
function PreviewPane({
  creditorId,
  preview,
  template,
  onTemplate,
}: {
  creditorId: string;
  preview: UseQueryResult<LetterPreview>;
  template: MessageTemplateName;
  onTemplate: (template: MessageTemplateName) => void;
}) {
  const t = useT(wordingMessages);
  return (
    <Paper p="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={4}>
          {t('wording.preview')}
          {preview.data ? ` · ${preview.data.caseReference}` : ''}
        </Title>
        <Group gap="xs">
          <NativeSelect
            aria-label={t('wording.templateLabel')}
            size="xs"
            value={template}
            onChange={(event) => onTemplate(event.currentTarget.value as MessageTemplateName)}
            data={messageTemplates.map((value) => ({ value, label: t.dyn(`wording.template.${value}`, value) }))}
          />
          <Button size="xs" variant="light" disabled={!preview.data} onClick={() => preview.data && openPdf(preview.data.pdfBase64)} data-testid="wording-pdf">
            {t('wording.openPdf')}
          </Button>
        </Group>
      </Group>
      {!creditorId ? (
        <Text c="dimmed">{t('wording.chooseCreditor')}</Text>
      ) : preview.isError ? (
        <ErrorState error={preview.error} title={t('wording.noPreview')} />
      ) : !preview.data ? (
        <LoadingState />
      ) : (
        <Stack gap="xs">
          {!preview.data.compliance.ok && (
            <Alert color="orange" variant="light" title={t('wording.wouldBeBlocked')} data-testid="wording-compliance">
              {preview.data.compliance.problems.join(' ')}
            </Alert>
          )}
          <iframe
            title={preview.data.subject}
            sandbox=""
            srcDoc={preview.data.html}
            style={{ width: '100%', height: 640, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6, background: 'white', opacity: preview.isFetching ? 0.6 : 1 }}
            data-testid="wording-preview"
          />
        </Stack>
      )}
    </Paper>
  );
}
