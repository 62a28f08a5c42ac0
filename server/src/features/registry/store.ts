import type { RegistryRecord } from '@relance/domain/insolvency';
import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';

// What the registry answered, kept per SIREN: the company row replaced, each proceeding upserted by
// (SIREN, type, judgment day), so a weekly lookup that finds the same proceeding changes nothing and
// a publication day or mandataire learnt later completes the row.

/** Stores one answer (idempotent: the same answer twice leaves the same rows). */
export async function storeRegistryRecord(exec: SqlExec, clock: Clock, provider: string, record: RegistryRecord): Promise<void> {
  const address = record.address;
  await exec(
    `insert into registry_company (siren, name, legal_form, naf_code, address_line1, postal_code, city, address_since, status, created_on, provider, looked_up_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (siren) do update set name = excluded.name, legal_form = excluded.legal_form, naf_code = excluded.naf_code,
       address_line1 = excluded.address_line1, postal_code = excluded.postal_code, city = excluded.city,
       -- A provider that does not date the address keeps the day the change was first seen.
       address_since = coalesce(excluded.address_since,
         case when registry_company.address_line1 is distinct from excluded.address_line1 or registry_company.postal_code is distinct from excluded.postal_code
              then ?::date else registry_company.address_since end),
       status = excluded.status, created_on = excluded.created_on, provider = excluded.provider, looked_up_at = excluded.looked_up_at`,
    [
      record.siren,
      record.name,
      record.legalForm,
      record.nafCode,
      address?.line1 ?? null,
      address?.postalCode ?? null,
      address?.city ?? null,
      record.addressSince,
      record.status,
      record.createdOn,
      provider,
      clock.now(),
      clock.now().toISOString().slice(0, 10),
    ],
  );
  for (const proceeding of record.proceedings) {
    await exec(
      `insert into registry_proceeding (siren, type, judgment_date, publication_date, court, mandataire_name, mandataire_address)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (siren, type, judgment_date) do update set
         publication_date = coalesce(registry_proceeding.publication_date, excluded.publication_date),
         court = coalesce(excluded.court, registry_proceeding.court),
         mandataire_name = coalesce(excluded.mandataire_name, registry_proceeding.mandataire_name),
         mandataire_address = coalesce(excluded.mandataire_address, registry_proceeding.mandataire_address)`,
      [
        record.siren,
        proceeding.type,
        proceeding.judgmentDate,
        proceeding.publicationDate,
        proceeding.court,
        proceeding.mandataire?.name ?? null,
        proceeding.mandataire?.address ?? null,
      ],
    );
  }
}
