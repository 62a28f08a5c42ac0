import { Button, Group } from '@mantine/core';
import { useT } from '../i18n.ts';
import { ErrorState } from './states.tsx';

/** A form's last row: the error of the failed submission, then Cancel (when given) and the submit button on the right. */
export function SubmitRow({
  mutation,
  label,
  testId,
  onCancel,
}: {
  mutation: { isPending: boolean; isError: boolean; error: unknown };
  label: string;
  testId: string;
  onCancel?: () => void;
}) {
  const t = useT();
  return (
    <>
      {mutation.isError && <ErrorState error={mutation.error} />}
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" loading={mutation.isPending} data-testid={testId}>
          {label}
        </Button>
      </Group>
    </>
  );
}
