import { Paper, SimpleGrid, Stack, Text, TextInput, } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatBasisPoints, parseHundredths } from '@relance/domain/money';
import { type FormEvent, useState } from 'react';
import { SubmitRow } from '../../../shared/components/SubmitRow.tsx';
import { TitleWithHelp } from '../../../shared/components/TitleWithHelp.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useFieldErrors } from '../../../shared/useFieldErrors.ts';
import { useAddRate } from '../api/rates.ts';
import { ratesMessages } from '../messages.ts';

type Field = 'halfYear' | 'ecb' | 'legalPrivate' | 'legalOther';
type PercentField = Exclude<Field, 'halfYear'>;

/** C. com. L441-10: the default B2B penalty rate is the ECB rate plus ten points. */
const penaltyMarginBasisPoints = 10_00;
const maxBasisPoints = 100_00;

export function RateForm({ defaultHalfYear }: { defaultHalfYear: string }) {
  const t = useT(ratesMessages);
  const { values, set, problems, ecb, mutation, submit } = useRateForm(defaultHalfYear);
  const percentInput = (field: PercentField, label: string, testId: string, description?: string) => (
    <PercentInput
      label={label}
      value={values[field]}
      onChange={(value) => set(field, value)}
      error={problems.errors[field]}
      description={description}
      testId={testId}
    />
  );

  return (
    <Paper p="md">
      <form onSubmit={submit} noValidate data-testid="rate-form">
        <Stack gap="sm">
          <TitleWithHelp title={t('rates.formTitle')} help={t('rates.formHelp')} helpWidth={760} />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <TextInput
              label={t('rates.halfYear')}
              placeholder="2026-H2"
              autoComplete="off"
              value={values.halfYear}
              onChange={(event) => set('halfYear', event.currentTarget.value)}
              error={problems.errors.halfYear}
              required
              data-testid="rate-half-year"
            />
            {percentInput(
              'ecb',
              t('rates.ecb'),
              'rate-ecb',
              ecb !== null && ecb <= maxBasisPoints
                ? t('rates.penaltyPreview', { rate: formatBasisPoints(ecb + penaltyMarginBasisPoints, t.locale) })
                : undefined,
            )}
            {percentInput('legalPrivate', t('rates.legalPrivate'), 'rate-legal-private')}
            {percentInput('legalOther', t('rates.legalOther'), 'rate-legal-other')}
          </SimpleGrid>
          <SubmitRow mutation={mutation} label={t('rates.submit')} testId="rate-submit" />
        </Stack>
      </form>
    </Paper>
  );
}

/** The form's values, their checks (a half-year like 2026-H2, percentages up to 100 %) and the saving. */
function useRateForm(defaultHalfYear: string) {
  const t = useT(ratesMessages);
  const mutation = useAddRate();
  const [values, setValues] = useState<Record<Field, string>>({
    halfYear: defaultHalfYear,
    ecb: '',
    legalPrivate: '',
    legalOther: '',
  });
  const problems = useFieldErrors<Field>();

  const basisPoints = (field: PercentField) => parseHundredths(values[field], '%');
  const ecb = basisPoints('ecb');

  function set(field: Field, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    problems.clear(field);
  }

  function percentProblem(value: number | null): string | undefined {
    if (value === null) return t('rates.percentInvalid');
    if (value > maxBasisPoints) return t('rates.percentTooHigh');
    return undefined;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const halfYear = values.halfYear.trim().toUpperCase();
    const parsed = { ecb, legalPrivate: basisPoints('legalPrivate'), legalOther: basisPoints('legalOther') };
    const next: Partial<Record<Field, string>> = {
      halfYear: /^\d{4}-H[12]$/.test(halfYear) ? undefined : t('rates.halfYearInvalid'),
      ecb: percentProblem(parsed.ecb),
      legalPrivate: percentProblem(parsed.legalPrivate),
      legalOther: percentProblem(parsed.legalOther),
    };
    problems.setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    if (parsed.ecb === null || parsed.legalPrivate === null || parsed.legalOther === null) return;
    mutation.mutate(
      {
        halfYear,
        ecbBasisPoints: parsed.ecb,
        legalPrivateIndividualBasisPoints: parsed.legalPrivate,
        legalOtherBasisPoints: parsed.legalOther,
      },
      {
        onSuccess: (rate) => {
          notifications.show({ color: 'teal', message: t('rates.saved', { halfYear: rate.halfYear }), autoClose: 3000 });
          setValues({ halfYear: '', ecb: '', legalPrivate: '', legalOther: '' });
        },
      },
    );
  }

  return { values, set, problems, ecb, mutation, submit };
}

function PercentInput({
  label,
  value,
  onChange,
  error,
  description,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  description: string | undefined;
  testId: string;
}) {
  return (
    <TextInput
      label={label}
      placeholder="2,15"
      inputMode="decimal"
      autoComplete="off"
      rightSection={<Text size="sm" c="dimmed">%</Text>}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      required
      data-testid={testId}
    />
  );
}
