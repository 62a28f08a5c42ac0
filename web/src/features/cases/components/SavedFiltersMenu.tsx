import { Button, Menu, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../../shared/i18n.ts';
import { savedFiltersOptions } from '../api/saved-filters.ts';
import { casesMessages } from '../messages.ts';
import { SavedFiltersModal } from './SavedFiltersModal.tsx';
import { filterQueryOf } from './saved-filter-query.ts';

/** "Filtres enregistrés": apply one of mine (it sets the URL), or save the current filters under a name. */
export function SavedFiltersMenu() {
  const t = useT(casesMessages);
  const navigate = useNavigate();
  const location = useLocation();
  const saved = useQuery(savedFiltersOptions());
  const [managing, setManaging] = useState(false);
  const current = filterQueryOf(location.search);
  const items = saved.data?.items ?? [];
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" data-testid="saved-filters">
            {t('savedFilters.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('savedFilters.help')}</Menu.Label>
          {saved.isError ? (
            <Menu.Item disabled>{t('savedFilters.loadFailed')}</Menu.Item>
          ) : items.length === 0 ? (
            <Menu.Item disabled>{saved.isPending ? t('savedFilters.loading') : t('savedFilters.none')}</Menu.Item>
          ) : (
            items.map((item) => (
              <Menu.Item
                key={item.id}
                onClick={() => navigate({ pathname: location.pathname, search: item.query ? `?${item.query}` : '' }, { replace: true })}
                rightSection={item.query === current ? <Text size="xs">✓</Text> : null}
                data-testid="saved-filter-item"
              >
                {item.name}
              </Menu.Item>
            ))
          )}
          <Menu.Divider />
          <Menu.Item onClick={() => setManaging(true)} data-testid="saved-filters-manage">
            {t('savedFilters.manage')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <SavedFiltersModal opened={managing} onClose={() => setManaging(false)} current={current} items={items} />
    </>
  );
}
