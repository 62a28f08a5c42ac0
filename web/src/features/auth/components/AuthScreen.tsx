import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAgencyBrand } from '../../../shared/brand.ts';
import { BrandMark, PoweredBy } from '../../../shared/components/BrandMark.tsx';
import { LanguageToggle } from '../../../shared/components/LanguageToggle.tsx';

/** The frame of the screens before a session (sign-in, invitation): the agency's brand, the language, one card. */
export function AuthScreen({ width, cardTestId, children }: { width: number; cardTestId?: string; children: ReactNode }) {
  const brand = useAgencyBrand();
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={width} gap="lg">
        <Group justify="space-between">
          <BrandMark brand={brand} size="md" />
          <LanguageToggle />
        </Group>
        <Paper p="xl" shadow="sm" data-testid={cardTestId}>
          {children}
        </Paper>
        <PoweredBy brand={brand} />
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
