import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook secrets encrypted at rest; bounces received as e-mail.
 *
 * - `webhook_endpoint`: the signing secret is kept sealed with AES-256-GCM (ciphertext, IV, tag
 *   and the id of the key, see db/secret-box.ts), no longer in clear. The key is not in the
 *   database (SECRETS_KEY or DATA_DIR/secrets.json), so this SQL migration cannot encrypt the
 *   existing rows: it only moves their clear value to `legacy_clear_secret`, and the app seals
 *   them at startup before serving or running jobs (`sealWebhookSecretsAtRest`, idempotent, run
 *   by `start`, `migrate`, `api` and `worker`), then clears that column. Doing it in SQL instead
 *   (pgcrypto) would mean sending the key to the database server in a statement, where logs and
 *   pg_stat_statements may keep it, and pgcrypto has no AES-GCM. The column can be dropped by a
 *   later migration once every deployment has started this version. A row holds exactly one of
 *   the two forms (check constraint).
 * - `outbound_message.provider_message_id` of e-mails: the Message-ID header we actually sent
 *   (`<message id@sending domain>`). It held the id nodemailer generates for a raw message, which
 *   appears nowhere in the mail, so a delivery status notification (RFC 3464), which quotes the
 *   original Message-ID, could not find its message. Recomputed here from the kept source of
 *   each e-mail (byte for byte what was sent; the header is in its first lines).
 */
export class Migration20261123161000_secrets_bounces extends Migration {
  override name = 'Migration20261123161000_secrets_bounces';

  override up(): void {
    this.addSql(`
alter table webhook_endpoint rename column secret to legacy_clear_secret;
alter table webhook_endpoint
  alter column legacy_clear_secret drop not null,
  add column secret_ciphertext bytea null,
  add column secret_iv bytea null check (octet_length(secret_iv) = 12),
  add column secret_tag bytea null check (octet_length(secret_tag) = 16),
  add column secret_key_id text null,
  add constraint webhook_endpoint_secret_sealed_or_legacy check (
    (legacy_clear_secret is null)
    = (secret_ciphertext is not null and secret_iv is not null and secret_tag is not null and secret_key_id is not null)
  );

update outbound_message m
   set provider_message_id = sent.message_id
  from (
    select d.id as document_id,
           (regexp_match(encode(substring(d.content from 1 for 16384), 'escape'), '(?:^|\\n)Message-ID:[ \\t]*(<[^>\\r\\n]+>)', 'i'))[1] as message_id
      from case_document d
     where d.kind = 'email'
  ) sent
 where m.document_id = sent.document_id
   and m.channel = 'email' and m.provider = 'smtp'
   and m.provider_message_id is not null and sent.message_id is not null
   and m.provider_message_id is distinct from sent.message_id;
`);
  }
}
