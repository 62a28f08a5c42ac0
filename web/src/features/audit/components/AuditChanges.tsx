import { Anchor, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../../shared/i18n.ts';
import { auditMessages } from '../messages.ts';
import { changesOf } from './audit-details.ts';

/** A record's before/after, field by field, behind a "Voir avant / après" toggle (nothing when it names no change). */
export function AuditChanges({ details }: { details: Record<string, unknown> }) {
  const t = useT(auditMessages);
  const [open, setOpen] = useState(false);
  const changes = changesOf(details);
  if (changes.length === 0) return null;
  return (
    <Stack gap={4} mt={4}>
      <Anchor component="button" type="button" size="xs" onClick={() => setOpen((value) => !value)} aria-expanded={open} data-testid="audit-changes-toggle">
        {t(open ? 'audit.changes.hide' : 'audit.changes.show', { count: changes.length })}
      </Anchor>
      {open && (
        <Table withTableBorder fz="xs" data-testid="audit-changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.changes.field')}</Table.Th>
              <Table.Th>{t('audit.changes.before')}</Table.Th>
              <Table.Th>{t('audit.changes.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.field || 'value'}>
                <Table.Td>{change.field ? t.dyn(`audit.detail.${change.field}`, change.field) : t('audit.changes.value')}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{change.before}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{change.after}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
