import { describe, expect, it } from 'vitest';
import { contrastRatio, isHexColour, READABLE_CONTRAST, readableBrandColour, relativeLuminance, shadesOf } from '../src/brand-colour.ts';

describe('the agency brand colour', () => {
  it('measures luminance and contrast as WCAG 2.x does', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 6);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('keeps a dark enough colour as it is', () => {
    expect(readableBrandColour('#1D4ED8')).toBe('#1d4ed8');
    expect(readableBrandColour('#000000')).toBe('#000000');
  });

  it('darkens a light colour until white reaches 4.5:1 on it', () => {
    for (const colour of ['#ffffff', '#ffeb3b', '#7fdbff', '#777777', '#ff851b']) {
      const readable = readableBrandColour(colour);
      expect(isHexColour(readable)).toBe(true);
      expect(contrastRatio(readable, '#ffffff')).toBeGreaterThanOrEqual(READABLE_CONTRAST);
    }
  });

  it('makes ten shades, the colour itself at index 6, lighter before and darker after', () => {
    const shades = shadesOf('#1d4ed8');
    expect(shades).toHaveLength(10);
    expect(shades[6]).toBe('#1d4ed8');
    const luminances = shades.map(relativeLuminance);
    for (let i = 1; i < luminances.length; i += 1) expect(luminances[i]).toBeLessThan(luminances[i - 1] as number);
  });
});
