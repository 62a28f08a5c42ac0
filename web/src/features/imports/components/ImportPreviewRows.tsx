import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import type { ImportMapping, ImportPreview } from '@relance/contracts/imports';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { importsMessages } from '../messages.ts';

const shownFields = ['invoiceRef', 'dueDate', 'amount', 'debtorName'] as const;

/** Parsed rows carry typed values (amountCents, ISO dates); rejected rows carry the raw cells by header. */
function cell(row: ImportPreview['rows'][number], field: (typeof shownFields)[number], mapping: ImportMapping, locale: 'fr' | 'en'): string {
  const values = row.values;
  if (row.rejection) {
    const header = mapping[field];
    const raw = header ? values[header] : null;
    return raw === null || raw === undefined ? '' : String(raw);
  }
  if (field === 'amount') return typeof values.amountCents === 'number' ? formatMoney(values.amountCents, 'EUR', locale) : '';
  if (field === 'dueDate') return typeof values.dueDate === 'string' ? formatDate(values.dueDate, locale) : '';
  const value = values[field];
  return value === null || value === undefined ? '' : String(value);
}

/** The first rows as the server parsed them with the mapping, rejected ones with their reason. */
export function PreviewRows({ preview, mapping, incomplete }: { preview: ImportPreview; mapping: ImportMapping; incomplete: boolean }) {
  const t = useT(importsMessages);
  return (
    <Paper p="md">
      <Title order={5} mb={2}>
        {t('imports.previewRows')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('imports.previewRowsHelp')}
      </Text>
      {incomplete ? (
        <Text size="sm" c="dimmed" data-testid="import-preview-incomplete">
          {t('imports.previewIncomplete')}
        </Text>
      ) : preview.rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="import-preview-empty">
          {t('imports.noPreviewRows')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped="even" data-testid="import-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th className="num" w={60}>
                  {t('imports.line')}
                </Table.Th>
                {shownFields.map((field) => (
                  <Table.Th key={field} className={field === 'amount' ? 'num' : undefined}>
                    {t.dyn(`imports.field.${field}`, field)}
                  </Table.Th>
                ))}
                <Table.Th>{t('imports.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row) => (
                <Table.Tr
                  key={row.line}
                  data-testid="import-preview-row"
                  data-line={row.line}
                  data-rejected={row.rejection ? 'true' : 'false'}
                  bg={row.rejection ? 'red.0' : undefined}
                >
                  <Table.Td className="num">{row.line}</Table.Td>
                  {shownFields.map((field) => (
                    <Table.Td key={field} className={field === 'amount' ? 'num' : undefined}>
                      <Text size="sm" truncate maw={220}>
                        {cell(row, field, mapping, t.locale)}
                      </Text>
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {row.rejection ? (
                      <Text size="sm" c="red.8">
                        {row.rejection.column ? `${row.rejection.column} : ` : ''}
                        {row.rejection.message}
                      </Text>
                    ) : (
                      <Badge variant="light" color="teal" size="sm">
                        {t('imports.rowOk')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
