// The agency's brand colour in its white-label screens (issue 19). WCAG 2.x: a colour is readable as
// text on white, and white text is readable on it, when their contrast ratio reaches 4.5:1 (AA,
// normal text). The staff app uses the agency's colour for buttons (white text on it) and links (the
// colour on white): the same ratio serves both, so a colour too light is darkened until it holds.

/** WCAG AA for normal text. */
export const READABLE_CONTRAST = 4.5;

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColour(value: string): boolean {
  return HEX.test(value);
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16)) as [number, number, number];
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((value) => Math.round(Math.min(255, Math.max(0, value))).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2.x relative luminance of an sRGB colour written #rrggbb (0 black to 1 white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The agency's colour as the screens use it: unchanged when white reaches 4.5:1 on it, otherwise
 * darkened step by step (same hue) until it does. Always readable both ways with white.
 */
export function readableBrandColour(hex: string): string {
  let rgb = channels(hex.toLowerCase());
  for (let step = 0; step < 40 && contrastRatio(toHex(rgb), '#ffffff') < READABLE_CONTRAST; step += 1) {
    rgb = rgb.map((value) => value * 0.93) as [number, number, number];
  }
  return toHex(rgb);
}

/**
 * Ten shades of a colour, lightest first, the given one at index 6 (the shade filled buttons use):
 * lighter shades mix it with white, darker ones with black. For a theme's palette.
 */
export function shadesOf(hex: string): string[] {
  const base = channels(hex.toLowerCase());
  const mix = (target: number, weight: number) => toHex(base.map((value) => value + (target - value) * weight));
  return [0.9, 0.78, 0.64, 0.5, 0.34, 0.17, 0, 0.15, 0.3, 0.45].map((weight, index) => (index < 6 ? mix(255, weight) : mix(0, weight)));
}
