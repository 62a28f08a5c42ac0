import { SimpleGrid, TextInput } from '@mantine/core';
import { DateField } from './DateField.tsx';

interface Field {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  testId: string;
}

/** The two fields of a money event (a payment received, a promise made): an amount in euros and a calendar date, side by side. */
export function AmountDateFields({
  amount,
  date,
}: {
  amount: Field & { placeholder: string; description: string | undefined };
  date: Field & { min?: string; max?: string };
}) {
  return (
    <SimpleGrid cols={2} spacing="sm">
      <TextInput
        label={amount.label}
        placeholder={amount.placeholder}
        inputMode="decimal"
        autoComplete="off"
        value={amount.value}
        onChange={(event) => amount.onChange(event.currentTarget.value)}
        error={amount.error}
        description={amount.description}
        required
        data-testid={amount.testId}
      />
      <DateField
        label={date.label}
        value={date.value}
        min={date.min}
        max={date.max}
        onChange={(event) => date.onChange(event.currentTarget.value)}
        error={date.error}
        required
        data-testid={date.testId}
      />
    </SimpleGrid>
  );
}
