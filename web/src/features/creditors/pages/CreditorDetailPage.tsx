import { Anchor, Badge, ColorSwatch, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { creditorOptions } from '../api/creditors.ts';
import { CreditorUsers } from '../components/CreditorUsers.tsx';
import { LogoUpload } from '../components/LogoUpload.tsx';

export function CreditorDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useQuery(creditorOptions(id));

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/creditors" size="sm">
        ← {t('creditors.title')}
      </Anchor>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <Stack gap={2}>
              <Group gap="sm">
                <ColorSwatch color={query.data.brand.primaryColor} size={18} />
                <Title order={2} fz={24} data-testid="creditor-title">
                  {query.data.brand.displayName}
                </Title>
              </Group>
              <Text size="sm" c="dimmed">
                {query.data.legalName} · {t.dyn(`creditors.kind.${query.data.kind}`, query.data.kind)}
                {query.data.siren ? ` · SIREN ${query.data.siren}` : ''}
              </Text>
            </Stack>
            <Badge size="lg" variant="light" color={query.data.mandate.isValid ? 'teal' : 'red'}>
              {t('creditors.mandate')} {query.data.mandate.isValid ? t('creditors.mandateValid') : t('creditors.mandateInvalid')}
            </Badge>
          </Group>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                <Paper p="md">
                  <SimpleGrid cols={1} spacing="sm">
                    <Field label={t('creditors.address')}>
                      {query.data.address.line1}
                      {query.data.address.line2 ? (
                        <>
                          <br />
                          {query.data.address.line2}
                        </>
                      ) : null}
                      <br />
                      {query.data.address.postalCode} {query.data.address.city}
                    </Field>
                    <Field label={t('creditors.mandate')}>
                      {query.data.mandate.reference} · {t('creditors.mandateSigned')}{' '}
                      {formatDate(query.data.mandate.signedOn, t.locale)} ·{' '}
                      {query.data.mandate.validUntil
                        ? t('creditors.validUntil', { date: formatDate(query.data.mandate.validUntil, t.locale) })
                        : t('creditors.openEnded')}
                    </Field>
                    <Field label={t('creditors.primaryColor')}>
                      <Group gap={6}>
                        <ColorSwatch color={query.data.brand.primaryColor} size={14} />
                        <Text size="sm" ff="monospace">
                          {query.data.brand.primaryColor}
                        </Text>
                      </Group>
                    </Field>
                  </SimpleGrid>
                </Paper>
                <LogoUpload creditor={query.data} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <CreditorUsers creditorId={query.data.id} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
