import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { type NewCreditor, useCreateCreditor } from '../api/creditors.ts';
import { CreditorCoreFields } from '../components/CreditorCoreFields.tsx';
import { CreditorTermsFields } from '../components/CreditorTermsFields.tsx';
import { coreFormToBody, emptyCoreForm, isCoreFormValid } from '../components/core-form.ts';
import { emptyTerms, type TermsErrors, termsToBody } from '../components/terms-form.ts';
import { creditorsMessages } from '../messages.ts';

export function NewCreditorPage() {
  const t = useT(creditorsMessages);
  const navigate = useNavigate();
  const mutation = useCreateCreditor();
  const [form, setForm] = useState(emptyCoreForm);
  const [touched, setTouched] = useState(false);
  const [terms, setTerms] = useState(emptyTerms);
  const [termsErrors, setTermsErrors] = useState<TermsErrors>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    const extra = termsToBody(terms, 'create');
    setTermsErrors(extra.errors);
    if (!isCoreFormValid(form) || Object.keys(extra.errors).length > 0) return;
    const { brand: brandExtra, ...termsExtra } = extra.body;
    const core = coreFormToBody(form);
    const body: NewCreditor = {
      ...(termsExtra as Partial<NewCreditor>),
      ...core,
      address: { ...core.address, country: 'FR' },
      brand: { ...brandExtra, ...core.brand },
    };
    mutation.mutate(body, {
      onSuccess: (creditor) => {
        notifications.show({ color: 'teal', message: t('creditors.created') });
        navigate(`/creditors/${creditor.id}`);
      },
    });
  }

  return (
    <>
      <Anchor component={Link} to="/creditors" size="sm">
        ← {t('creditors.title')}
      </Anchor>
      <PageHeader title={t('creditors.new')} />
      <form onSubmit={submit} noValidate data-testid="creditor-form">
        <Stack gap="md" maw={860}>
          <CreditorCoreFields form={form} onChange={setForm} touched={touched} prefix="creditor" framed />

          <Stack gap={4}>
            <Title order={4}>{t('creditors.terms.optional')}</Title>
            <Text size="sm" c="dimmed">
              {t('creditors.terms.optionalHelp')}
            </Text>
          </Stack>
          <CreditorTermsFields form={terms} onChange={setTerms} errors={termsErrors} prefix="creditor" />

          {mutation.isError && <ErrorState error={mutation.error} />}
          <Group justify="flex-end">
            <Button component={Link} to="/creditors" variant="default">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="creditor-submit">
              {t('creditors.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
