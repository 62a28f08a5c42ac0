import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MantineProvider } from '@mantine/core';
import type { AgencyBrand } from '@relance/contracts/agency';
import { contrastRatio } from '@relance/domain/brand-colour';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { themeFor } from '../../src/app/staff/theme.ts';
import { screenColourOf } from '../../src/shared/brand.ts';
import { BrandMark, PoweredBy } from '../../src/shared/components/BrandMark.tsx';

// Issue 19, white label: the staff shell and the sign-in page show the agency's brand; the
// software's name is only in the "propulsé par" line the agency may hide.

const web = join(import.meta.dirname, '..', '..');
const brand: AgencyBrand = { name: 'Recouvra Ouest', primaryColor: '#ffeb3b', logoUrl: null, poweredByVisible: false };

function render(node: ReactNode): string {
  return renderToStaticMarkup(createElement(MantineProvider, { theme: themeFor(screenColourOf(brand)) }, node));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("the agency's brand in the staff app", () => {
  it("shows the agency's name and no 'Relance' when the line is off", () => {
    const html = render(createElement('div', null, createElement(BrandMark, { brand, size: 'sm' }), createElement(PoweredBy, { brand })));
    expect(html).toContain('Recouvra Ouest');
    expect(html).not.toContain('Relance');
  });

  it('shows its logo with the name as text alternative', () => {
    const html = render(createElement(BrandMark, { brand: { ...brand, logoUrl: '/api/v1/agency/logo?v=abc' }, size: 'md' }));
    expect(html).toContain('src="/api/v1/agency/logo?v=abc"');
    expect(html).toMatch(/alt="Logo de Recouvra Ouest"/);
  });

  it('says "propulsé par Relance" only when the agency keeps the line', () => {
    expect(render(createElement(PoweredBy, { brand: { ...brand, poweredByVisible: true } }))).toContain('propulsé par Relance');
    expect(render(createElement(PoweredBy, { brand }))).not.toContain('powered-by');
  });

  it("themes Mantine in the agency's colour, darkened until white text reaches 4.5:1", () => {
    const colour = screenColourOf(brand) as string;
    expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const theme = themeFor(colour);
    expect(theme.primaryColor).toBe('brand');
    expect(theme.colors?.brand?.[6]).toBe(colour);
    expect(themeFor(screenColourOf({ ...brand, primaryColor: null })).primaryColor).toBe('indigo');
  });

  it("no staff screen writes the software's name: only the 'propulsé par' line uses it", () => {
    const staffSources = [...filesUnder(join(web, 'src', 'app', 'staff')), ...filesUnder(join(web, 'src', 'features', 'auth')), ...filesUnder(join(web, 'src', 'shared'))].filter(
      (path) => /\.(tsx?|html)$/.test(path),
    );
    const users = staffSources.filter((path) => /productName|['">]Relance['"<]/.test(readFileSync(path, 'utf8')));
    expect(users.map((path) => path.slice(web.length + 1)).sort()).toEqual(['src/shared/components/BrandMark.tsx', 'src/shared/product.ts']);
    expect(readFileSync(join(web, 'index.html'), 'utf8')).not.toContain('Relance');
  });
});
