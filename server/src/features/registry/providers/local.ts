import { readFile } from 'node:fs/promises';
import type { RegistryRecord } from '@relance/domain/insolvency';
import { proceedingTypes } from '@relance/domain/insolvency';
import { demoRegistryCompanies } from '@relance/seeds/demo-registry';
import { z } from 'zod';
import { type RegistryProvider, RegistryUnavailableError } from './provider.ts';

// The LOCAL registry: no network. It answers from the demo companies of seeds/demo-registry.ts and
// from the JSON file named by REGISTRY_FIXTURES (an operator's or a test's companies, which win over
// the demo's for the same SIREN). The file is read at each lookup, so it can be edited while the
// product runs; a file that cannot be read or parsed makes the registry unavailable (the lookup is
// retried), never an empty answer.

const day = z.iso.date();
const fixtureCompany = z.object({
  siren: z.string().regex(/^[0-9]{9}$/),
  name: z.string().min(1),
  legalForm: z.string().nullable().default(null),
  nafCode: z.string().nullable().default(null),
  address: z.object({ line1: z.string(), postalCode: z.string(), city: z.string() }).nullable().default(null),
  addressSince: day.nullable().default(null),
  status: z.enum(['active', 'ceased']).default('active'),
  createdOn: day.nullable().default(null),
  proceedings: z
    .array(
      z.object({
        type: z.enum(proceedingTypes),
        judgmentDate: day,
        publicationDate: day.nullable().default(null),
        court: z.string().nullable().default(null),
        mandataire: z.object({ name: z.string(), address: z.string().nullable().default(null) }).nullable().default(null),
      }),
    )
    .default([]),
});
export const registryFixtures = z.array(fixtureCompany);
export type RegistryFixture = z.input<typeof fixtureCompany>;

async function fileCompanies(path: string): Promise<RegistryRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RegistryUnavailableError('local', `REGISTRY_FIXTURES ${path}: ${(error as Error).message}`);
  }
  try {
    return registryFixtures.parse(JSON.parse(text));
  } catch (error) {
    throw new RegistryUnavailableError('local', `REGISTRY_FIXTURES ${path} is not a valid list of companies: ${(error as Error).message.slice(0, 300)}`);
  }
}

export function localRegistry(options: { fixturesPath: string | undefined }): RegistryProvider {
  let demo: Map<string, RegistryRecord> | null = null;
  return {
    name: 'local',
    async lookup(siren) {
      const fromFile = options.fixturesPath ? await fileCompanies(options.fixturesPath) : [];
      const found = fromFile.find((company) => company.siren === siren);
      if (found) return found;
      // The demo's debtors do not depend on the day: built once per provider.
      demo ??= new Map(registryFixtures.parse(demoRegistryCompanies('2026-11-23')).map((company) => [company.siren, company]));
      return demo.get(siren) ?? null;
    },
  };
}
