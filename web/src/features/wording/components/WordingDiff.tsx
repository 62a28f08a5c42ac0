import { Group, Stack, Text } from '@mantine/core';
import type { LetterWording } from '@relance/contracts/messages';
import { useT } from '../../../shared/i18n.ts';
import { wordingMessages } from '../messages.ts';

const FIELDS = ['greeting', 'toneParagraph', 'closing'] as const;

/** What a proposal changes, field by field and language by language: the text in force struck through, the proposed one below. */
export function changedFields(before: LetterWording, after: LetterWording) {
  return (['fr', 'en'] as const).flatMap((language) =>
    FIELDS.filter((field) => (before[language][field] ?? '') !== (after[language][field] ?? '')).map((field) => ({
      language,
      field,
      before: before[language][field] ?? '',
      after: after[language][field] ?? '',
    })),
  );
}

export function WordingDiff({ before, after }: { before: LetterWording; after: LetterWording }) {
  const t = useT(wordingMessages);
  const changes = changedFields(before, after);
  return (
    <Stack gap="xs" data-testid="wording-diff">
      {changes.map((change) => (
        <Stack key={`${change.language}.${change.field}`} gap={2}>
          <Text size="xs" fw={600} c="dimmed">
            {t.dyn(`wording.field.${change.field}`, change.field)} · {change.language.toUpperCase()}
          </Text>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Text size="xs" c="dimmed" w={70} style={{ flexShrink: 0 }}>
              {t('wording.before')}
            </Text>
            <Text size="sm" c="red.8" td={change.before ? 'line-through' : undefined} fs={change.before ? undefined : 'italic'} data-testid="wording-diff-before">
              {change.before || t('wording.empty')}
            </Text>
          </Group>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Text size="xs" c="dimmed" w={70} style={{ flexShrink: 0 }}>
              {t('wording.after')}
            </Text>
            <Text size="sm" c="teal.9" fs={change.after ? undefined : 'italic'} data-testid="wording-diff-after">
              {change.after || t('wording.empty')}
            </Text>
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}
