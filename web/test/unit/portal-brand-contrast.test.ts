import { describe, expect, it } from 'vitest';
import { contrastOn, inkOnWhite } from '../../src/features/portal/components/PortalShell.tsx';

// Issue 18: the creditor's colour must stay readable (WCAG 1.4.3, 4.5:1) however pale it is.

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const ratio = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

describe("the creditor's colour on the debtor's page", () => {
  it('keeps a dark brand colour as it is for text on white', () => {
    expect(inkOnWhite('#0b5cad')).toBe('#0b5cad');
  });

  it('darkens a pale one until it reads at 4.5:1 on white', () => {
    for (const pale of ['#ffd400', '#7fd3ff', '#ff8c00', '#cccccc', '#ffffff']) {
      const ink = inkOnWhite(pale);
      expect(ratio(ink, '#ffffff'), pale).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('writes on the brand colour in black or white, whichever reaches 4.5:1', () => {
    for (const brand of ['#ffd400', '#0b5cad', '#777777', '#e30613', '#00a19a']) {
      expect(ratio(contrastOn(brand), brand), brand).toBeGreaterThanOrEqual(4.5);
    }
  });
});
