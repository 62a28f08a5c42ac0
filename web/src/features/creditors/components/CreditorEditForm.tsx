import { Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Creditor, UpdateCreditorBody } from '@relance/contracts/creditors';
import { type FormEvent, useState } from 'react';
import { SubmitRow } from '../../../shared/components/SubmitRow.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUpdateCreditor } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';
import { CreditorCoreFields } from './CreditorCoreFields.tsx';
import { CreditorTermsFields } from './CreditorTermsFields.tsx';
import { coreFormFromCreditor, coreFormToBody, isCoreFormValid } from './core-form.ts';
import { type TermsErrors, termsFromCreditor, termsToBody } from './terms-form.ts';

/** Edits a creditor (PATCH): identity, address, brand, mandate and the optional terms. */
export function CreditorEditForm({ creditor, onDone }: { creditor: Creditor; onDone: () => void }) {
  const t = useT(creditorsMessages);
  const mutation = useUpdateCreditor(creditor.id);
  const [form, setForm] = useState(() => coreFormFromCreditor(creditor));
  const [terms, setTerms] = useState(() => termsFromCreditor(creditor, t.locale));
  const [termsErrors, setTermsErrors] = useState<TermsErrors>({});
  const [touched, setTouched] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    const extra = termsToBody(terms, 'edit');
    setTermsErrors(extra.errors);
    if (!isCoreFormValid(form) || Object.keys(extra.errors).length > 0) return;
    const { brand: brandExtra, ...termsExtra } = extra.body;
    const core = coreFormToBody(form);
    const body: UpdateCreditorBody = { ...termsExtra, ...core, brand: { ...brandExtra, ...core.brand } };
    mutation.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('creditors.saved') });
        onDone();
      },
    });
  }

  return (
    <Paper p="lg">
      <form onSubmit={submit} noValidate data-testid="creditor-edit-form">
        <Stack gap="md">
          <Title order={4}>{t('creditors.edit')}</Title>
          <CreditorCoreFields form={form} onChange={setForm} touched={touched} prefix="edit" framed={false} />
          <CreditorTermsFields form={terms} onChange={setTerms} errors={termsErrors} prefix="edit" />
          <SubmitRow mutation={mutation} label={t('common.save')} testId="edit-submit" onCancel={onDone} />
        </Stack>
      </form>
    </Paper>
  );
}
