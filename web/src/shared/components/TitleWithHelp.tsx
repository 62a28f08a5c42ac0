import { Stack, Text, Title } from '@mantine/core';

/** A card's title with the sentence under it saying what the card is for. */
export function TitleWithHelp({ title, help, helpWidth }: { title: string; help: string; helpWidth?: number }) {
  return (
    <Stack gap={2}>
      <Title order={4}>{title}</Title>
      <Text size="xs" c="dimmed" maw={helpWidth}>
        {help}
      </Text>
    </Stack>
  );
}
