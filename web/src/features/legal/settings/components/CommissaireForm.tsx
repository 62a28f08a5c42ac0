import { Checkbox, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CommissaireDto } from '@relance/contracts/legal-directory';
import { type FormEvent, useState } from 'react';
import { SubmitRow } from '../../../../shared/components/SubmitRow.tsx';
import { useT } from '../../../../shared/i18n.ts';
import { useFieldErrors } from '../../../../shared/useFieldErrors.ts';
import { useSaveCommissaire } from '../api.ts';
import { legalSettingsMessages } from '../messages.ts';

type TextField = 'etude' | 'name' | 'addressLine1' | 'postalCode' | 'city' | 'email' | 'phone';
type Field = TextField | 'courAppelDistricts';

/** The form's values, its checks and the saving. */
function useCommissaireForm(commissaire: CommissaireDto | null, onSaved: () => void) {
  const t = useT(legalSettingsMessages);
  const mutation = useSaveCommissaire(commissaire?.id ?? null);
  const problems = useFieldErrors<Field>();
  const [values, setValues] = useState<Record<TextField, string>>({
    etude: commissaire?.etude ?? '',
    name: commissaire?.name ?? '',
    addressLine1: commissaire?.addressLine1 ?? '',
    postalCode: commissaire?.postalCode ?? '',
    city: commissaire?.city ?? '',
    email: commissaire?.email ?? '',
    phone: commissaire?.phone ?? '',
  });
  const [districts, setDistricts] = useState<string[]>(commissaire?.courAppelDistricts ?? []);
  const [acceptsEmail, setAcceptsEmail] = useState(commissaire?.acceptsEmail ?? false);

  function set(field: TextField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    problems.clear(field);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const next: Partial<Record<Field, string>> = {};
    for (const field of ['etude', 'name', 'addressLine1', 'city'] as const) if (!values[field].trim()) next[field] = t('commissaires.required');
    if (!/^\d{5}$/.test(values.postalCode.trim())) next.postalCode = t('commissaires.postalCodeInvalid');
    if (districts.length === 0) next.courAppelDistricts = t('commissaires.districtsRequired');
    problems.setErrors(next);
    if (Object.keys(next).length > 0) return;
    const optional = (value: string) => (value.trim() ? value.trim() : null);
    const email = optional(values.email);
    const body = {
      etude: values.etude.trim(),
      name: values.name.trim(),
      addressLine1: values.addressLine1.trim(),
      postalCode: values.postalCode.trim(),
      city: values.city.trim(),
      email,
      phone: optional(values.phone),
      acceptsEmail: acceptsEmail && email !== null,
      courAppelDistricts: districts,
    };
    mutation.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('commissaires.saved'), autoClose: 3000 });
        onSaved();
      },
    });
  }

  const setDistrictList = (value: string[]) => {
    setDistricts(value);
    problems.clear('courAppelDistricts');
  };
  return { values, set, districts, setDistrictList, acceptsEmail, setAcceptsEmail, problems, mutation, submit };
}

/** Adds a commissaire (no `commissaire`) or edits one: étude, address, e-mail, districts served. */
export function CommissaireForm({
  commissaire,
  districtChoices,
  onSaved,
  onCancel,
}: {
  commissaire: CommissaireDto | null;
  districtChoices: readonly string[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useT(legalSettingsMessages);
  const { values, set, districts, setDistrictList, acceptsEmail, setAcceptsEmail, problems, mutation, submit } = useCommissaireForm(commissaire, onSaved);

  const text = (field: TextField, label: string, required = false) => (
    <TextInput
      label={label}
      value={values[field]}
      onChange={(event) => set(field, event.currentTarget.value)}
      error={problems.errors[field]}
      required={required}
      data-testid={`commissaire-form-${field}`}
    />
  );

  return (
    <form onSubmit={submit} noValidate data-testid="commissaire-form">
      <Stack gap="sm">
        {text('etude', t('commissaires.etude'), true)}
        {text('name', t('commissaires.name'), true)}
        {text('addressLine1', t('commissaires.address'), true)}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text('postalCode', t('commissaires.postalCode'), true)}
          {text('city', t('commissaires.city'), true)}
          {text('email', t('commissaires.email'))}
          {text('phone', t('commissaires.phone'))}
        </SimpleGrid>
        <Checkbox
          label={t('commissaires.acceptsEmail')}
          checked={acceptsEmail && values.email.trim() !== ''}
          disabled={values.email.trim() === ''}
          onChange={(event) => setAcceptsEmail(event.currentTarget.checked)}
          data-testid="commissaire-form-accepts-email"
        />
        <TagsInput
          label={t('commissaires.districts')}
          description={t('commissaires.districtsHelp')}
          data={[...districtChoices]}
          value={districts}
          onChange={setDistrictList}
          error={problems.errors.courAppelDistricts}
          required
          data-testid="commissaire-form-districts"
        />
        <SubmitRow mutation={mutation} label={t('common.save')} testId="commissaire-form-submit" onCancel={onCancel} />
      </Stack>
    </form>
  );
}
