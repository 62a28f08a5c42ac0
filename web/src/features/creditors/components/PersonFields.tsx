import { TextInput } from '@mantine/core';
import { useT } from '../../../shared/i18n.ts';
import { creditorsMessages } from '../messages.ts';

/** The e-mail and name of a creditor user (created or invited); test ids `<testIdPrefix>-email`, `<testIdPrefix>-name`. */
export function PersonFields({
  email,
  onEmail,
  emailError,
  name,
  onName,
  nameError,
  testIdPrefix,
}: {
  email: string;
  onEmail: (value: string) => void;
  emailError: string | null;
  name: string;
  onName: (value: string) => void;
  nameError: string | null;
  testIdPrefix: string;
}) {
  const t = useT(creditorsMessages);
  return (
    <>
      <TextInput
        label={t('creditors.userEmail')}
        type="email"
        required
        autoComplete="off"
        value={email}
        onChange={(event) => onEmail(event.currentTarget.value)}
        error={emailError}
        data-testid={`${testIdPrefix}-email`}
      />
      <TextInput
        label={t('creditors.userName')}
        required
        value={name}
        onChange={(event) => onName(event.currentTarget.value)}
        error={nameError}
        data-testid={`${testIdPrefix}-name`}
      />
    </>
  );
}
