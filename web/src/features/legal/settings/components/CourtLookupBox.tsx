import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../../shared/components/states.tsx';
import { useT } from '../../../../shared/i18n.ts';
import { lookupCourt } from '../api.ts';
import { legalSettingsMessages } from '../messages.ts';
import { courtKindValues } from './court-form.ts';

/** Tries an address as a legal action would: the court the directory finds, or none (then a manual choice). */
export function CourtLookupBox() {
  const t = useT(legalSettingsMessages);
  const [postalCode, setPostalCode] = useState('');
  const [city, setCity] = useState('');
  const [kind, setKind] = useState<string>('tribunal_judiciaire');
  const lookup = useMutation({ mutationFn: () => lookupCourt(postalCode.trim(), city.trim(), kind) });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (/^\d{5}$/.test(postalCode.trim()) && city.trim()) lookup.mutate();
  }

  return (
    <Paper p="md">
      <form onSubmit={submit} data-testid="court-lookup">
        <Stack gap="xs">
          <Text fw={600}>{t('courts.lookupTitle')}</Text>
          <Group gap="sm" align="flex-end">
            <TextInput label={t('courts.courtPostalCode')} value={postalCode} onChange={(e) => setPostalCode(e.currentTarget.value)} w={140} inputMode="numeric" data-testid="court-lookup-postal" />
            <TextInput label={t('courts.lookupCity')} value={city} onChange={(e) => setCity(e.currentTarget.value)} w={240} data-testid="court-lookup-city" />
            <Select
              label={t('courts.kind')}
              data={courtKindValues.filter((k) => k !== 'tribunal_activites_economiques').map((k) => ({ value: k, label: t(`courts.kind.${k}` as const) }))}
              value={kind}
              onChange={(value) => setKind(value ?? 'tribunal_judiciaire')}
              allowDeselect={false}
              w={240}
            />
            <Button type="submit" variant="light" loading={lookup.isPending} data-testid="court-lookup-submit">
              {t('courts.lookupGo')}
            </Button>
          </Group>
          {lookup.isError && <ErrorState error={lookup.error} />}
          {lookup.isSuccess &&
            (lookup.data.court ? (
              <Alert color="teal" variant="light" data-testid="court-lookup-result">
                {t('courts.lookupFound', { name: lookup.data.court.name })} — {lookup.data.court.addressLine1}, {lookup.data.court.postalCode} {lookup.data.court.city}
              </Alert>
            ) : (
              <Alert color="yellow" variant="light" data-testid="court-lookup-result">
                {t('courts.lookupNone', { city: lookup.data.normalisedCity })}
              </Alert>
            ))}
        </Stack>
      </form>
    </Paper>
  );
}
