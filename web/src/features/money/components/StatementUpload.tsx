import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { BankStatement } from '@relance/contracts/money';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../../shared/components/states.tsx';
import { ApiError } from '../../../shared/http.ts';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { useUploadStatement } from '../api/money.ts';
import { moneyMessages } from '../messages.ts';

/** Upload of a camt.053: the file, the pending state, then what was created (or why it was refused). */
export function StatementUpload() {
  const t = useT(moneyMessages);
  const upload = useUploadStatement();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!file);
    if (!file) return;
    upload.mutate(file, {
      onSuccess: () => {
        setFile(null);
        if (fileRef.current) fileRef.current.value = '';
      },
    });
  }

  return (
    <Paper p="md">
      <Title order={4} mb={4}>
        {t('bank.upload.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('bank.upload.help')}
      </Text>
      <form onSubmit={submit} noValidate data-testid="bank-upload-form">
        <Stack gap="sm">
          <Group align="center" gap="md">
            <input
              ref={fileRef}
              type="file"
              accept=".xml,.053,application/xml,text/xml"
              aria-label={t('bank.upload.file')}
              aria-invalid={missing || undefined}
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                setMissing(false);
              }}
              data-testid="bank-upload-file"
            />
            <Button type="submit" loading={upload.isPending} data-testid="bank-upload-submit">
              {t('bank.upload.submit')}
            </Button>
          </Group>
          {missing && (
            <Text size="xs" c="red" role="alert">
              {t('bank.upload.fileRequired')}
            </Text>
          )}
          {upload.isPending && (
            <Text size="sm" c="dimmed" data-testid="bank-upload-pending">
              {t('bank.upload.pending')}
            </Text>
          )}
          {upload.isError && <UploadError error={upload.error} />}
          {upload.isSuccess && <UploadResult statement={upload.data} />}
        </Stack>
      </form>
    </Paper>
  );
}

function UploadResult({ statement }: { statement: BankStatement }) {
  const t = useT(moneyMessages);
  const counts = statement.counts;
  return (
    <Alert
      color={statement.alreadyImported ? 'yellow' : 'teal'}
      variant="light"
      title={statement.alreadyImported ? t('bank.upload.already') : t('bank.upload.done')}
      data-testid="bank-upload-result"
      data-already={statement.alreadyImported}
    >
      <Stack gap={4}>
        <Text size="sm">
          {statement.alreadyImported
            ? t('bank.upload.alreadyText')
            : t('bank.upload.doneText', { entries: counts.entries, matched: counts.matched, unmatched: counts.unmatched })}
        </Text>
        <Group gap="md">
          <Text component={Link} to={`/finance/bank/${statement.id}`} size="sm" c="indigo" fw={600} data-testid="bank-upload-open">
            {t('bank.upload.open')}
          </Text>
          {counts.unmatched > 0 && (
            <Text component={Link} to="/finance/reconciliation" size="sm" c="indigo" fw={600}>
              {t('bank.upload.reconcile')}
            </Text>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

const figureKeys = ['openingBalanceCents', 'creditsCents', 'debitsCents', 'expectedClosingBalanceCents', 'closingBalanceCents', 'differenceCents'];

/** The refusal: the server's message, and for an unbalanced statement its figures side by side. */
function UploadError({ error }: { error: unknown }) {
  const t = useT(moneyMessages);
  if (error instanceof ApiError && error.code === 'bank_statement_wrong_account') return <WrongAccount error={error} />;
  if (!(error instanceof ApiError) || error.code !== 'bank_statement_unbalanced') return <ErrorState error={error} title={t('bank.upload.refused')} />;
  const details = (error.details ?? {}) as Record<string, unknown>;
  const known = figureKeys.filter((key) => typeof details[key] === 'number');
  const others = Object.keys(details).filter((key) => !known.includes(key) && key.endsWith('Cents') && typeof details[key] === 'number');
  return (
    <Alert color="red" variant="light" title={t('bank.upload.unbalanced')} data-testid="bank-upload-unbalanced">
      <Text size="sm" mb="xs">
        {error.message}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {[...known, ...others].map((key) => (
          <Stack key={key} gap={0}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t.dyn(`bank.figure.${key}`, key)}
            </Text>
            <Text fw={700} className="num" ta="left" data-testid={`unbalanced-${key}`}>
              {formatMoney(details[key] as number, 'EUR', t.locale)}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Alert>
  );
}

/** A statement of another account: the IBAN of the file and the client account's, side by side. */
function WrongAccount({ error }: { error: ApiError }) {
  const t = useT(moneyMessages);
  const details = (error.details ?? {}) as { statementIban?: string; clientFundsIban?: string };
  return (
    <Alert color="red" variant="light" title={t('bank.upload.refused')} data-testid="bank-upload-wrong-account">
      <Text size="sm" mb="xs">
        {error.message}
      </Text>
      <Text size="sm">
        {t('bank.upload.statementIban')} <b>{details.statementIban ?? '—'}</b>
      </Text>
      <Text size="sm">
        {t('bank.upload.clientFundsIban')} <b>{details.clientFundsIban ?? '—'}</b>
      </Text>
    </Alert>
  );
}
