import { Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CourtDetailDto, CreateCourtBody } from '@relance/contracts/legal-directory';
import { type FormEvent, useState } from 'react';
import { SubmitRow } from '../../../../shared/components/SubmitRow.tsx';
import { useT } from '../../../../shared/i18n.ts';
import { useFieldErrors } from '../../../../shared/useFieldErrors.ts';
import { useSaveCourt } from '../api.ts';
import { legalSettingsMessages } from '../messages.ts';
import { type CourtFormValues, courtBodyOf, courtFormValuesOf, courtKindValues } from './court-form.ts';

/** The form's values, its checks and the saving (court-form.ts turns the text into the body). */
function useCourtForm(court: CourtDetailDto | null, onSaved: (court: CourtDetailDto) => void) {
  const t = useT(legalSettingsMessages);
  const [initial] = useState<CourtFormValues>(() => courtFormValuesOf(court));
  const [values, setValues] = useState<CourtFormValues>(initial);
  const problems = useFieldErrors<keyof CourtFormValues>();
  const mutation = useSaveCourt(court?.id ?? null);

  const set = (field: keyof CourtFormValues) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    problems.clear(field);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const parsed = courtBodyOf(values);
    if ('errors' in parsed) {
      problems.setErrors(
        Object.fromEntries(
          Object.entries(parsed.errors).map(([field, problem]) => [
            field,
            problem.kind === 'line' ? t('courts.communesInvalid', { line: problem.line }) : t(problem.kind === 'postal' ? 'courts.postalCodeInvalid' : 'courts.required'),
          ]),
        ),
      );
      return;
    }
    // An untouched list is not sent back: PATCH would replace the communes with those shown.
    const { communes, ...rest } = parsed.body;
    const body: CreateCourtBody = court && values.communes === initial.communes ? rest : { ...rest, communes };
    mutation.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: court ? t('courts.saved') : t('courts.created', { name: saved.name }), autoClose: 3000 });
        onSaved(saved);
      },
    });
  }

  return { values, set, problems, mutation, submit };
}

/** Adds a court by hand (no `court`) or corrects one; reports the saved court through `onSaved`. */
export function CourtForm({ court, onSaved, onCancel }: { court: CourtDetailDto | null; onSaved: (court: CourtDetailDto) => void; onCancel: () => void }) {
  const t = useT(legalSettingsMessages);
  const { values, set, problems, mutation, submit } = useCourtForm(court, onSaved);
  // A court's list is shown up to 2,000 communes: a longer one is not edited here.
  const communesShown = court === null || court.competence.length === court.communes;

  const text = (field: Exclude<keyof CourtFormValues, 'kind' | 'communes'>, label: string, required = false) => (
    <TextInput
      label={label}
      value={values[field]}
      onChange={(event) => set(field)(event.currentTarget.value)}
      error={problems.errors[field]}
      required={required}
      disabled={field === 'code' && court !== null}
      data-testid={`court-form-${field}`}
    />
  );

  return (
    <form onSubmit={submit} noValidate data-testid="court-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text('code', t('courts.code'), true)}
          <Select
            label={t('courts.kind')}
            data={courtKindValues.map((kind) => ({ value: kind, label: t(`courts.kind.${kind}` as const) }))}
            value={values.kind}
            onChange={(value) => set('kind')(value ?? 'tribunal_judiciaire')}
            allowDeselect={false}
            required
            data-testid="court-form-kind"
          />
        </SimpleGrid>
        {text('name', t('courts.name'), true)}
        {text('addressLine1', t('courts.addressLine1'), true)}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {text('postalCode', t('courts.courtPostalCode'), true)}
          {text('city', t('courts.city'), true)}
          {text('courAppel', t('courts.courAppel'))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text('email', t('courts.email'))}
          {text('phone', t('courts.phone'))}
        </SimpleGrid>
        <Textarea
          label={t('courts.communesInput')}
          description={t('courts.communesHelp')}
          autosize
          minRows={3}
          maxRows={10}
          value={values.communes}
          onChange={(event) => set('communes')(event.currentTarget.value)}
          error={problems.errors.communes}
          disabled={!communesShown}
          styles={{ input: { fontFamily: 'monospace' } }}
          data-testid="court-form-communes"
        />
        <SubmitRow mutation={mutation} label={t('common.save')} testId="court-form-submit" onCancel={onCancel} />
      </Stack>
    </form>
  );
}
