import { createTheme, type MantineColorsTuple } from '@mantine/core';
import { shadesOf } from '@relance/domain/brand-colour';

const base = {
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Table: { defaultProps: { verticalSpacing: 'xs', horizontalSpacing: 'md' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm' } },
  },
} as const;

export const theme = createTheme({ ...base, primaryColor: 'indigo' });

/**
 * The staff theme in the agency's colour (issue 19): `colour` is already readable with white
 * (shared/brand.ts screenColourOf), placed at the shade filled buttons use; null keeps the default.
 */
export function themeFor(colour: string | null) {
  if (!colour) return theme;
  return createTheme({
    ...base,
    colors: { brand: shadesOf(colour) as unknown as MantineColorsTuple },
    primaryColor: 'brand',
    primaryShade: 6,
  });
}
