import { Button, Group } from '@mantine/core';
import { useT } from '../i18n.ts';
import { ErrorState } from './states.tsx';

/** The end of a form: what the server refused (if it did), then Cancel (if given) and the submit button on the right. */
export function FormSubmitRow({
  mutation,
  label,
  testId,
  onCancel,
}: {
  mutation: { isError: boolean; error: unknown; isPending: boolean };
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
