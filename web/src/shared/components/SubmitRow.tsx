import { Button, Group } from '@mantine/core';
import { ErrorState } from './states.tsx';

/** A form's last row: the error of the failed submission, then the submit button on the right. */
export function SubmitRow({
  mutation,
  label,
  testId,
}: {
  mutation: { isPending: boolean; isError: boolean; error: unknown };
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
