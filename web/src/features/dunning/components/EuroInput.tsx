import { NumberInput } from '@mantine/core';
import { parseHundredths } from '@relance/domain/money';

/**
 * The field's value as integer cents, read by the domain's parser (no `Math.round(x * 100)`):
 * null when the field is empty ("no limit"), undefined when it cannot be read as an amount.
 */
export function euroFieldCents(value: number | string): number | null | undefined {
  if (value === '') return null;
  return parseHundredths(String(value)) ?? undefined;
}

/** An amount in euros with cents (a balance threshold), empty meaning "no limit". */
export function EuroInput(props: {
  label: string;
  description: string;
  value: number | string;
  onChange: (value: number | string) => void;
  error: string | null | undefined;
  testId?: string;
}) {
  return (
    <NumberInput
      label={props.label}
      description={props.description}
      min={0}
      decimalScale={2}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      suffix=" €"
      data-testid={props.testId}
    />
  );
}
