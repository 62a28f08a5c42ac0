import { Button, Drawer, Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { CaseDetail } from '@relance/contracts/cases';
import { type ReactNode, type RefObject, useEffect, useState } from 'react';
import { type MessageKey, useT } from '../../../shared/i18n.ts';
import { casesMessages } from '../messages.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { PaymentForm } from './PaymentForm.tsx';
import { PortalLinkCard } from './PortalLinkCard.tsx';

// The agent's work on a case, built for the whole day (issue 20): the call or note form stays on
// the screen (the next action), the other forms open in a side panel by a button or a key, so the
// case's essentials and its timeline stay in view. "?" lists every key.

export type WorkPanel = 'promise' | 'payment' | 'plan' | 'portal';

type Shortcut = { keys: string; label: MessageKey<typeof casesMessages> };

/** Every key of the case screen, as the help overlay lists them (the handlers live where they act). */
const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'c', label: 'shortcuts.call' },
  { keys: 'p', label: 'shortcuts.promise' },
  { keys: 'e', label: 'shortcuts.plan' },
  { keys: 'm', label: 'shortcuts.payment' },
  { keys: 'r', label: 'shortcuts.callback' },
  { keys: 'd', label: 'shortcuts.done' },
  { keys: 'a', label: 'shortcuts.actions' },
  { keys: 'n', label: 'shortcuts.next' },
  { keys: 'Ctrl+Enter', label: 'shortcuts.save' },
  { keys: 'Esc / g', label: 'shortcuts.back' },
  { keys: 'j / k', label: 'shortcuts.list' },
  { keys: '?', label: 'shortcuts.help' },
];

/** Opens with "?" (Shift+, on a French keyboard too: the key's character is read), not while typing. */
function useHelpKey(open: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      event.preventDefault();
      open();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
}

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT(casesMessages);
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')}>
      <Table verticalSpacing={4} data-testid="shortcuts-help">
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={shortcut.keys}>
              <Table.Td w={130}>
                <Kbd>{shortcut.keys}</Kbd>
              </Table.Td>
              <Table.Td>{t(shortcut.label)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}

const PANEL_KEYS: Record<WorkPanel, string> = { promise: 'p', plan: 'e', payment: 'm', portal: 'l' };

/**
 * The call/note form, then one button per side panel (promise, plan, payment, the debtor's link),
 * each with its key; the panel opens on the right over the screen and closes with Esc.
 */
export function CaseWorkPanels({
  detail,
  noteRef,
  today,
  promise,
  plan,
}: {
  detail: CaseDetail;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  today: string;
  promise: ReactNode;
  plan: ReactNode;
}) {
  const t = useT(casesMessages);
  const [panel, setPanel] = useState<WorkPanel | null>(null);
  const [help, setHelp] = useState(false);
  const closed = detail.status === 'closed';
  const open = (which: WorkPanel) => () => {
    if (!closed || which === 'portal') setPanel(which);
  };
  useHotkeys([
    ['p', open('promise')],
    ['e', open('plan')],
    ['m', open('payment')],
    ['l', open('portal')],
  ]);
  useHelpKey(() => setHelp(true));
  const panels: Record<WorkPanel, { title: string; body: ReactNode; size: string }> = {
    promise: { title: t('panel.promise'), body: promise, size: 'md' },
    plan: { title: t('panel.plan'), body: plan, size: 'xl' },
    payment: {
      title: t('panel.payment'),
      body: <PaymentForm caseId={detail.id} claimRefs={detail.claims.map((claim) => claim.invoiceRef)} currency={detail.currency} today={today} />,
      size: 'md',
    },
    portal: { title: t('panel.portal'), body: <PortalLinkCard caseId={detail.id} />, size: 'md' },
  };
  return (
    <Stack gap="sm">
      <ActivityForm caseId={detail.id} noteRef={noteRef} />
      <Group gap="xs" data-testid="work-panels">
        {(Object.keys(PANEL_KEYS) as WorkPanel[]).map((which) => (
          <Button
            key={which}
            size="xs"
            variant="light"
            disabled={closed && which !== 'portal'}
            onClick={open(which)}
            rightSection={<Kbd size="xs">{PANEL_KEYS[which]}</Kbd>}
            data-testid={`open-${which}`}
          >
            {t(`panel.${which}`)}
          </Button>
        ))}
        <Button size="xs" variant="subtle" onClick={() => setHelp(true)} rightSection={<Kbd size="xs">?</Kbd>} data-testid="open-shortcuts">
          {t('shortcuts.button')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" px={4}>
        {t('case.shortcutHint')}
      </Text>
      <Drawer
        opened={panel !== null}
        onClose={() => setPanel(null)}
        position="right"
        size={panel ? panels[panel].size : 'md'}
        title={
          <Text fw={600} size="lg">
            {panel ? panels[panel].title : ''}
          </Text>
        }
        data-testid="work-panel"
        data-panel={panel ?? undefined}
      >
        {panel && panels[panel].body}
      </Drawer>
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
