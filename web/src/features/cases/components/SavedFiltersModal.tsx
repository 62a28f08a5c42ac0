import { ActionIcon, Alert, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import type { SavedFilter } from '@relance/contracts/saved-filters';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { useDeleteSavedFilter, useSaveFilter } from '../api/saved-filters.ts';
import { casesMessages } from '../messages.ts';

/** Save the current filters under a name (a name I already use: the server's 409 is shown), and delete saved ones. */
export function SavedFiltersModal({ opened, onClose, current, items }: { opened: boolean; onClose: () => void; current: string; items: SavedFilter[] }) {
  const t = useT(casesMessages);
  const [name, setName] = useState('');
  const save = useSaveFilter();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || !current) return;
    save.mutate({ name: name.trim(), query: current }, { onSuccess: () => setName('') });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('savedFilters.title')} size="lg">
      <Stack gap="md">
        <form onSubmit={submit} data-testid="saved-filter-form">
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('savedFilters.name')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              maxLength={60}
              required
              disabled={!current}
              style={{ flex: 1 }}
              data-testid="saved-filter-name"
              data-autofocus
            />
            <Button type="submit" loading={save.isPending} disabled={!current || !name.trim()} data-testid="saved-filter-save">
              {t('savedFilters.save')}
            </Button>
          </Group>
          {!current && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('savedFilters.noFilters')}
            </Text>
          )}
        </form>
        {save.isError && (
          <Alert color="red" data-testid="saved-filter-error">
            {errorMessage(save.error)}
          </Alert>
        )}
        <SavedFilterList items={items} />
      </Stack>
    </Modal>
  );
}

/** My saved filters, each with its delete button. */
function SavedFilterList({ items }: { items: SavedFilter[] }) {
  const t = useT(casesMessages);
  const remove = useDeleteSavedFilter();
  return (
    <>
      {remove.isError && <Alert color="red">{errorMessage(remove.error)}</Alert>}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('savedFilters.none')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {item.name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {item.query || '—'}
                  </Text>
                </Table.Td>
                <Table.Td w={48}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('savedFilters.delete', { name: item.name })}
                    loading={remove.isPending && remove.variables === item.id}
                    onClick={() => remove.mutate(item.id)}
                    data-testid="saved-filter-delete"
                  >
                    ✕
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
