import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageToggle } from '../../../shared/components/LanguageToggle.tsx';
import { productName } from '../../../shared/product.ts';

/** The frame of the screens before a session (sign-in, invitation): the product's name, the language, one card. */
export function AuthScreen({ width, cardTestId, children }: { width: number; cardTestId?: string; children: ReactNode }) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={width} gap="lg">
        <Group justify="space-between">
          <Group gap={8}>
            <Box w={30} h={30} bg="indigo.6" style={{ borderRadius: 8, display: 'grid', placeItems: 'center' }}>
              <Text c="white" fw={800} lh={1}>
                R
              </Text>
            </Box>
            <Text fw={700} size="xl">
              {productName}
            </Text>
          </Group>
          <LanguageToggle />
        </Group>
        <Paper p="xl" shadow="sm" data-testid={cardTestId}>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}

/** A card's title and the line under it. */
export function StepTitle({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <Stack gap={2}>
      <Title order={2} fz={22}>
        {title}
      </Title>
      <Text c="dimmed" size="sm">
        {subtitle}
      </Text>
    </Stack>
  );
}
