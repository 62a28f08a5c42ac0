import {
  createTheme,
  DEFAULT_THEME,
  darken,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import { shadesOf } from '@relance/domain/brand-colour';

// Readable everywhere (WCAG AA, 4.5:1; issue 20 found 113 low-contrast elements on the case screen):
// - text on a light, subtle, outline or default variant (badges, buttons) is the colour's darkest
//   shade, darker still for the yellows, oranges and greens whose darkest shade is still light;
// - a filled badge or button of a named colour sits on its darkest shade, white on it;
// - "dimmed" text is a darker grey (staff.css), links and primary buttons use shade 8 by default.
const LIGHT_HUES = new Set(['yellow', 'orange', 'lime', 'green', 'teal', 'cyan']);

const readableVariants: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined || parsed.color === 'brand') return defaults;
  const darkest = input.theme.colors[parsed.color]?.[9];
  if (!darkest) return defaults;
  const text = LIGHT_HUES.has(parsed.color) ? darken(darkest, 0.3) : darkest;
  if (['light', 'subtle', 'transparent'].includes(input.variant)) return { ...defaults, color: text, hoverColor: text };
  if (input.variant === 'outline') return { ...defaults, color: text, border: `1px solid ${text}` };
  if (input.variant === 'filled' && parsed.color !== input.theme.primaryColor) {
    const background = LIGHT_HUES.has(parsed.color) ? darken(darkest, 0.15) : darkest;
    return { ...defaults, background, hover: darken(background, 0.1), color: 'var(--mantine-color-white)' };
  }
  return defaults;
};

/** Orange text on white: Mantine's darkest orange is 3.9:1; this one 5.6:1. */
const orange = [...DEFAULT_THEME.colors.orange.slice(0, 9), '#a63f0b'] as unknown as MantineColorsTuple;

const base = {
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  variantColorResolver: readableVariants,
  components: {
    Table: { defaultProps: { verticalSpacing: 'xs', horizontalSpacing: 'md' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm' } },
  },
} as const;

export const theme = createTheme({ ...base, colors: { orange }, primaryColor: 'indigo', primaryShade: 8 });

/**
 * The staff theme in the agency's colour (issue 19): `colour` is already readable with white
 * (shared/brand.ts screenColourOf), placed at the shade filled buttons use; null keeps the default.
 */
export function themeFor(colour: string | null) {
  if (!colour) return theme;
  return createTheme({
    ...base,
    colors: { orange, brand: shadesOf(colour) as unknown as MantineColorsTuple },
    primaryColor: 'brand',
    primaryShade: 6,
  });
}
