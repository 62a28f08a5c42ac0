import { Button, Group } from '@mantine/core';
import { ErrorState } from './states.tsx';

/** The end of a form: what the server refused (if it did), then the submit button on the right. */
export function FormSubmitRow({
  mutation,
  label,
  testId,
}: {
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  label: string;
  testId: string;
}) {
  return (
    <>
      {mutation.isError && <ErrorState error={mutation.error} />}
      <Group justify="flex-end">
        <Button type="submit" loading={mutation.isPending} data-testid={testId}>
          {label}
        </Button>
      </Group>
    </>
  );
}
