import { NumberInput } from '@mantine/core';

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
