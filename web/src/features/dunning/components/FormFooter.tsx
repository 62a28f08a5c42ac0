import { Button, Group } from '@mantine/core';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { dunningMessages } from '../messages.ts';

/** The end of a dunning form: what the API refused, Cancel, and the save button. */
export function FormFooter({
  error,
  pending,
  onCancel,
  label,
  testId,
}: {
  error: unknown;
  pending: boolean;
  onCancel: () => void;
  label: string;
  testId: string;
}) {
  const t = useT(dunningMessages);
  return (
    <>
      {error ? <ErrorState error={error} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} type="button">
          {t('dunning.form.cancel')}
        </Button>
        <Button type="submit" loading={pending} data-testid={testId}>
          {label}
        </Button>
      </Group>
    </>
  );
}
