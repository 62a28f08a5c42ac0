import { Paper, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { DateField } from '../../../shared/components/DateField.tsx';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { agencyMessages } from '../messages.ts';
import type { AgencyForm } from './agency-form.ts';

/** What both cards get: the form, the props of an input, and the "required" error. */
export interface AgencyFieldsProps {
  form: AgencyForm;
  input: (field: keyof AgencyForm) => {
    value: string;
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => void;
    readOnly: boolean;
  };
  required: (value: string) => string | null;
  sirenError: string | null;
}

/** Name, legal form, SIREN and address. */
export function AgencyIdentityCard({ form, input, required, sirenError }: AgencyFieldsProps) {
  const t = useT(agencyMessages, staffMessages);
  return (
    <Paper p="lg">
      <Title order={4} mb="md">
        {t('agency.identity')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('agency.name')} required {...input('name')} error={required(form.name)} data-testid="agency-name" />
        <TextInput label={t('agency.legalForm')} placeholder="SAS" {...input('legalForm')} data-testid="agency-legal-form" />
        <TextInput
          label={t('creditors.siren')}
          description={t('creditors.sirenHelp')}
          required
          inputMode="numeric"
          maxLength={11}
          {...input('siren')}
          error={sirenError}
          data-testid="agency-siren"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <TextInput label={t('creditors.line1')} required {...input('line1')} error={required(form.line1)} data-testid="agency-line1" />
        <TextInput label={t('creditors.line2')} {...input('line2')} data-testid="agency-line2" />
        <TextInput
          label={t('creditors.postalCode')}
          required
          {...input('postalCode')}
          error={required(form.postalCode)}
          data-testid="agency-postal-code"
        />
        <TextInput label={t('creditors.city')} required {...input('city')} error={required(form.city)} data-testid="agency-city" />
      </SimpleGrid>
      <Text fw={600} size="sm" mt="md">
        {t('agency.contact')}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {t('agency.debtorContactHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('agency.phone')} type="tel" placeholder="02 40 12 34 56" {...input('phone')} data-testid="agency-phone" />
        <TextInput label={t('agency.email')} type="email" placeholder="contact@agence.fr" {...input('email')} data-testid="agency-email" />
      </SimpleGrid>
    </Paper>
  );
}

/** The records the agency must hold (R124-2): insurance, client funds account, declaration to the procureur. */
export function AgencyRecordsCard({ input }: Pick<AgencyFieldsProps, 'input'>) {
  const t = useT(agencyMessages, staffMessages);
  return (
    <Paper p="lg">
      <Title order={4}>{t('agency.records')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('agency.recordsHelp')}
      </Text>
      <Text fw={600} size="sm" mb={6}>
        {t('agency.insurance')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('agency.insurer')} {...input('insurer')} data-testid="agency-insurer" />
        <TextInput label={t('agency.policyNumber')} {...input('policyNumber')} data-testid="agency-policy-number" />
        <DateField label={t('agency.expiresOn')} {...input('expiresOn')} data-testid="agency-insurance-expires" />
      </SimpleGrid>
      <Text fw={600} size="sm" mt="md" mb={6}>
        {t('agency.clientFunds')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="IBAN" placeholder="FR76 …" {...input('iban')} style={{ gridColumn: 'span 2' }} data-testid="agency-iban" />
        <TextInput label="BIC" maxLength={11} {...input('bic')} data-testid="agency-bic" />
      </SimpleGrid>
      <Text fw={600} size="sm" mt="md" mb={6}>
        {t('agency.procureur')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField label={t('agency.procureurDeclaredOn')} {...input('procureurDeclaredOn')} data-testid="agency-procureur-date" />
      </SimpleGrid>
    </Paper>
  );
}
