import { Box, Group, Image, Text } from '@mantine/core';
import type { AgencyBrand } from '@relance/contracts/agency';
import { useT } from '../i18n.ts';
import { productName } from '../product.ts';
import { staffMessages } from '../staff-messages.ts';

/**
 * The agency's mark in the staff header and on the sign-in page: its logo when it has one, else the
 * initial of its name on its colour (the theme's primary), then its name.
 */
export function BrandMark({ brand, size }: { brand: AgencyBrand; size: 'sm' | 'md' }) {
  const t = useT(staffMessages);
  const box = size === 'sm' ? 26 : 30;
  return (
    <Group gap={8} wrap="nowrap" data-testid="brand-mark">
      {brand.logoUrl ? (
        <Image src={brand.logoUrl} alt={t('brand.logoAlt', { name: brand.name })} h={box} w="auto" maw={140} fit="contain" data-testid="brand-logo" />
      ) : (
        <Box w={box} h={box} bg="var(--mantine-primary-color-filled)" aria-hidden style={{ borderRadius: 7, display: 'grid', placeItems: 'center' }}>
          <Text c="white" fw={800} size={size} lh={1}>
            {brand.name.slice(0, 1).toUpperCase()}
          </Text>
        </Box>
      )}
      <Text fw={700} size={size === 'sm' ? 'lg' : 'xl'} data-testid="brand-name" truncate maw={260}>
        {brand.name}
      </Text>
    </Group>
  );
}

/** The discreet "propulsé par Relance" line, unless the agency turned it off. */
export function PoweredBy({ brand }: { brand: AgencyBrand }) {
  const t = useT(staffMessages);
  if (!brand.poweredByVisible) return null;
  return (
    <Text size="xs" c="dimmed" ta="center" data-testid="powered-by">
      {t('brand.poweredBy', { product: productName })}
    </Text>
  );
}
