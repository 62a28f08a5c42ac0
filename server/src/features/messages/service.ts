import type { Message, MessagePage, MessagePreview, OutboxQuery, ProviderEvent, QueueMessageBody, ResendMessageBody } from '@relance/contracts/messages';
import { localDate } from '@relance/domain/calendar';
import type { PauseRules } from '@relance/domain/dunning';
import type { GateAction, GateOrigin } from '@relance/domain/legal-gate';
import { simpleParser } from 'mailparser';
import { creditorScope, findAccessible, requireAccess } from '../../plugins/access.ts';
import type { ActorContext, Clock, ServiceContext } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, rawSql, type SqlExec, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { recordCaseRead } from '../audit/service.ts';
import { recordActivity } from '../cases/activities.ts';
import { CollectionCase } from '../cases/entities.ts';
import { assertGate, staffOrigin } from '../cases/legal-gate.ts';
import { recordMiseEnDemeureProof } from '../cases/mise-en-demeure.ts';

export const messageTemplates = ['first_letter', 'firmer_reminder', 'mise_en_demeure', 'plan_agreement', 'receipt', 'dispute_acknowledgment'] as const;
export type MessageTemplate = (typeof messageTemplates)[number];
export type MessageChannel = 'email' | 'sms' | 'letter' | 'registered_letter';
export const messageChannels = ['email', 'sms', 'letter', 'registered_letter'] as const satisfies readonly MessageChannel[];
/** Who asked for a message (the gate asks again at send time with the same origin). */
export type MessageOrigin = GateOrigin;
/** A manager's override of the window and/or the cap, with its reason (kept for the send job). */
export type MessageOverride = { window?: boolean | undefined; cap?: boolean | undefined; reason: string };
export type MessageRequest = {
  caseId: string;
  channel: MessageChannel;
  template: MessageTemplate;
  locale?: 'fr' | 'en';
  createdBy?: string | null;
  /** Default 'automatic' (the daily run): the strictest reading of the gate. */
  origin?: MessageOrigin;
  override?: MessageOverride | null;
  /** The daily run's messages: the strategy's pause switches, which the gate applies again at send time. */
  pauseRules?: PauseRules | null;
};

/** What the send job asks the gate on besides the facts (outbound_message.gate_terms). */
export type GateTerms = { override?: { window: boolean; cap: boolean; reason: string }; pauseRules?: PauseRules };

function gateTermsOf(request: MessageRequest): string | null {
  const terms: GateTerms = {
    ...(request.override ? { override: { window: request.override.window === true, cap: request.override.cap === true, reason: request.override.reason } } : {}),
    ...(request.pauseRules ? { pauseRules: request.pauseRules } : {}),
  };
  return Object.keys(terms).length > 0 ? JSON.stringify(terms) : null;
}

/**
 * What each template does (the legal gate's purpose, packages/domain legal-gate.ts): a `demand` asks
 * for money; a `notice` informs (the receipt R124-6, the plan agreement, the dispute
 * acknowledgment) and goes even under a dispute, a vulnerability flag or a plan.
 */
export const templatePurpose = {
  first_letter: 'demand',
  firmer_reminder: 'demand',
  mise_en_demeure: 'demand',
  receipt: 'notice',
  plan_agreement: 'notice',
  dispute_acknowledgment: 'notice',
} as const satisfies Record<MessageTemplate, 'demand' | 'notice'>;

/** The gate's action for a message. */
export function messageAction(channel: MessageChannel, template: MessageTemplate): GateAction {
  return { kind: 'message', channel, purpose: templatePurpose[template] };
}

export const SEND_TASK = 'messages__send';
/** Message ids per send job: big enough that a daily run of 100,000 letters is ~500 jobs, small enough that a job finishes quickly. */
export const SEND_BATCH_SIZE = 200;
/** Sending is retried by graphile-worker (exponential backoff); each message is sent at most once (status guard). */
export const SEND_MAX_ATTEMPTS = 10;

/**
 * Inserts one outbound_message row (status 'queued') per request in the caller's transaction and enqueues
 * graphile-worker send jobs in batches (job per batch of up to ~200 message ids, never one job per message,
 * via graphile_worker.add_job in the same transaction). Returns the message ids in request order. Set-based: must
 * handle 10,000+ requests in one call quickly (one INSERT ... SELECT from unnest arrays).
 *
 * Rendering, the compliance check and sending happen in the send task (`messages__send`).
 * A case id that does not exist makes the whole call fail (foreign key), like any other bad input.
 */
export async function queueCaseMessages(exec: SqlExec, clock: Clock, requests: readonly MessageRequest[]): Promise<string[]> {
  if (requests.length === 0) return [];
  for (const request of requests) {
    if (!(messageTemplates as readonly string[]).includes(request.template)) throw new Error(`unknown message template ${request.template}`);
    if (!(messageChannels as readonly string[]).includes(request.channel)) throw new Error(`unknown message channel ${request.channel}`);
  }
  // Ids are drawn in the request CTE (materialised once: it holds a volatile function), so the
  // answer keeps the request order even when the same (case, channel, template) repeats.
  const rows = await exec<{ id: string; inserted: boolean }>(
    `with req as materialized (
       select gen_random_uuid() as id, r.*
         from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[]) with ordinality
           as r(case_id, channel, template, locale, created_by, origin, gate_terms, ord)
     ), inserted as (
       insert into outbound_message (id, case_id, creditor_id, debtor_id, channel, template, locale, created_by, origin, gate_terms, queued_at)
       select r.id, r.case_id, c.creditor_id, c.debtor_id, r.channel, r.template, r.locale, r.created_by, r.origin, r.gate_terms::jsonb, ?
         from req r join collection_case c on c.id = r.case_id
       returning id
     )
     select r.id, exists (select 1 from inserted i where i.id = r.id) as inserted
       from req r order by r.ord`,
    [
      arrayLiteral(requests.map((r) => r.caseId)),
      arrayLiteral(requests.map((r) => r.channel)),
      arrayLiteral(requests.map((r) => r.template)),
      arrayLiteral(requests.map((r) => r.locale ?? 'fr')),
      arrayLiteral(requests.map((r) => r.createdBy ?? null)),
      arrayLiteral(requests.map((r) => r.origin ?? 'automatic')),
      arrayLiteral(requests.map(gateTermsOf)),
      clock.now(),
    ],
  );
  const missing = rows.filter((row) => !row.inserted).length;
  if (missing > 0) throw new Error(`queueCaseMessages: ${missing} request(s) name a case that does not exist`);
  const ids = rows.map((row) => row.id);
  await exec(
    `select graphile_worker.add_job(?, json_build_object('messageIds', to_json(batch)), max_attempts => ?)
       from (select array_agg(id order by n) as batch
               from unnest(?::uuid[]) with ordinality as m(id, n)
              group by (n - 1) / ?) batches`,
    [SEND_TASK, SEND_MAX_ATTEMPTS, arrayLiteral(ids), SEND_BATCH_SIZE],
  );
  return ids;
}

/**
 * A PostgreSQL array literal passed as one text parameter: the same call works on the request's
 * entity manager (which would expand a JS array into a list) and on a worker's pg client.
 */
export function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, (m) => `\\${m}`)}"`)).join(',')}}`;
}

// ---------------------------------------------------------------------------------------------
// Reading messages (case screen, outbox), staff sends and resends

type MessageDbRow = {
  id: string;
  case_id: string;
  case_reference: string;
  creditor_id: string;
  creditor_name: string;
  debtor_id: string;
  debtor_name: string;
  channel: MessageChannel;
  template: MessageTemplate;
  locale: 'fr' | 'en';
  reference: string | null;
  recipient: string | null;
  subject: string | null;
  status: Message['status'];
  status_reason: string | null;
  provider: string | null;
  segments: number | null;
  document_id: string | null;
  first_letter_id: string | null;
  queued_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  presented_at: Date | null;
  acknowledged_at: Date | null;
  failed_at: Date | null;
};

const messageSelect = `
  select m.id, m.case_id, c.reference as case_reference, m.creditor_id, cr.brand_display_name as creditor_name, m.debtor_id,
         d.display_name as debtor_name, m.channel, m.template, m.locale, m.reference, m.recipient, m.subject, m.status,
         m.status_reason, m.provider, m.segments, m.document_id, m.first_letter_id, m.queued_at, m.sent_at, m.delivered_at,
         m.presented_at, m.acknowledged_at, m.failed_at
    from outbound_message m
    join collection_case c on c.id = m.case_id
    join creditor cr on cr.id = m.creditor_id
    join debtor d on d.id = m.debtor_id`;

const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

export function documentDownloadUrl(caseId: string, documentId: string): string {
  return `/api/v1/cases/${caseId}/documents/${documentId}/download`;
}

function toMessageDto(row: MessageDbRow): Message {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    debtorName: row.debtor_name,
    channel: row.channel,
    template: row.template,
    locale: row.locale,
    reference: row.reference,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    statusReason: row.status_reason,
    provider: row.provider,
    segments: row.segments,
    documentId: row.document_id,
    downloadUrl: row.document_id ? documentDownloadUrl(row.case_id, row.document_id) : null,
    firstLetterId: row.first_letter_id,
    queuedAt: new Date(row.queued_at).toISOString(),
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    presentedAt: iso(row.presented_at),
    acknowledgedAt: iso(row.acknowledged_at),
    failedAt: iso(row.failed_at),
  };
}

/** The case's messages, newest first (a creditor sees its own cases only: foreign id -> 404). */
export async function listCaseMessages(ctx: ActorContext, caseId: string): Promise<{ items: Message[] }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const rows = await ctx.em.execute<MessageDbRow[]>(`${messageSelect} where m.case_id = ? order by m.queued_at desc, m.id desc limit 500`, [found.id]);
  return { items: rows.map(toMessageDto) };
}

/** Every message, newest first, filtered by channel, status and creditor (the staff outbox). */
export async function listOutbox(ctx: ActorContext, query: OutboxQuery): Promise<MessagePage> {
  const filters: SqlFragment[] = [];
  const scope = creditorScope(ctx.actor);
  if (scope) filters.push(sql`m.creditor_id = ${scope}`);
  if (query.channel) filters.push(sql`m.channel = ${query.channel}`);
  if (query.status) filters.push(sql`m.status = ${query.status}`);
  if (query.creditorId) filters.push(sql`m.creditor_id = ${query.creditorId}`);
  if (query.cursor) {
    const [queuedAt, id] = decodeCursor(query.cursor, ['instant', 'uuid']);
    filters.push(sql`(m.queued_at, m.id) < (${queuedAt}::timestamptz, ${id}::uuid)`);
  }
  const where = whereAll(filters);
  const q = sql`${rawSql(messageSelect)} ${where} order by m.queued_at desc, m.id desc limit ${query.limit + 1}`;
  const rows = await ctx.em.execute<MessageDbRow[]>(q.sql, [...q.params]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toMessageDto), nextCursor: rows.length > query.limit && last ? encodeCursor([new Date(last.queued_at).toISOString(), last.id]) : null };
}

async function findMessage(ctx: ActorContext, id: string): Promise<MessageDbRow> {
  await requireAccess(ctx, 'message', id);
  const [row] = await ctx.em.execute<MessageDbRow[]>(`${messageSelect} where m.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return row;
}

/**
 * A message as the debtor sees it: the e-mail parsed back from the RFC 822 source kept as
 * evidence (exactly what was sent), the SMS text, or for a letter the PDF link only.
 */
export async function getMessagePreview(ctx: ActorContext, id: string): Promise<MessagePreview> {
  const row = await findMessage(ctx, id);
  await recordCaseRead(ctx, { action: 'message_viewed', caseId: row.case_id, creditorId: row.creditor_id, entity: 'message', entityId: row.id });
  const message = toMessageDto(row);
  const empty = { message, from: null, replyTo: null, to: row.recipient, subject: row.subject, html: null, text: null, attachments: [] };
  if (!row.document_id) return empty;
  const [document] = await ctx.em.execute<{ content: Buffer; content_type: string }[]>(
    'select content, content_type from case_document where id = ?',
    [row.document_id],
  );
  if (!document) return empty;
  if (row.channel === 'email') {
    const mail = await simpleParser(document.content);
    return {
      message,
      from: mail.from?.text ?? null,
      replyTo: mail.replyTo?.text ?? null,
      to: Array.isArray(mail.to) ? mail.to.map((to) => to.text).join(', ') : (mail.to?.text ?? null),
      subject: mail.subject ?? null,
      html: typeof mail.html === 'string' ? mail.html : null,
      text: mail.text ?? null,
      attachments: mail.attachments.map((attachment) => ({
        fileName: attachment.filename ?? 'attachment',
        contentType: attachment.contentType,
        sizeBytes: attachment.size,
      })),
    };
  }
  if (row.channel === 'sms') return { ...empty, text: document.content.toString('utf8') };
  return empty;
}

/**
 * Staff send one message now (through the same queue, checks and evidence as the dunning run). The
 * legal gate decides first (cases/legal-gate.ts assertGate: 422 with its code when it refuses or
 * defers; a manager's override of the window or the cap is audited), in the transaction that queues
 * the message; the send job asks it again when it sends, with the same origin and override.
 */
export async function queueMessageForCase(ctx: ActorContext, caseId: string, body: QueueMessageBody): Promise<Message> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const origin = staffOrigin(ctx.actor);
  const override = body.override ? { window: body.override.window, cap: body.override.cap, reason: body.override.reason } : undefined;
  const id = await ctx.em.transactional(async (em) => {
    await assertGate({ ...ctx, em }, found.id, {
      action: messageAction(body.channel, body.template),
      origin,
      actorId: ctx.actor.userId,
      ...(override ? { override } : {}),
    });
    const [queued] = await queueCaseMessages(emExec(em), ctx.clock, [
      { caseId: found.id, channel: body.channel, template: body.template, locale: body.locale ?? 'fr', createdBy: ctx.actor.userId, origin, override: override ?? null },
    ]);
    return queued as string;
  });
  return toMessageDto(await findMessage(ctx, id));
}

/** A new message with the same case, channel, template and language as an earlier one (the gate decides as for a first send). */
export async function resendMessage(ctx: ActorContext, id: string, body: ResendMessageBody = {}): Promise<Message> {
  const row = await findMessage(ctx, id);
  if (row.status === 'queued') throw new AppError('message_not_resendable', 409);
  return await queueMessageForCase(ctx, row.case_id, {
    channel: row.channel,
    template: row.template,
    locale: row.locale,
    ...(body?.override ? { override: body.override } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Provider callbacks (local SMS and post providers, e-mail bounce notices)

const EVENT_LABELS: Record<ProviderEvent['type'], string> = {
  'letter.presented': 'présenté à l\'adresse (première présentation)',
  'message.delivered': 'distribué',
  'message.failed': 'non distribué',
  'letter.acknowledged': 'accusé de réception signé',
  'email.bounced': 'rejeté (adresse invalide)',
};

/**
 * Events that prove a registered letter reached the debtor's address on their day: the first
 * presentation, or a delivery or signed acknowledgment reported before it (each proves a
 * presentation no later than that day). What the mise en demeure's date is taken from.
 */
const NOTICE_PROOFS: Partial<Record<ProviderEvent['type'], string>> = {
  'letter.presented': 'première présentation',
  'message.delivered': 'distribution',
  'letter.acknowledged': 'accusé de réception signé',
};

type EventMessage = {
  id: string;
  case_id: string;
  debtor_id: string;
  channel: MessageChannel;
  template: MessageTemplate;
  recipient: string | null;
  reference: string | null;
};

/**
 * Applies one signed provider event, exactly once: the event id is recorded under a unique
 * constraint (a replayed or duplicated callback answers 'duplicate' and changes nothing), and
 * each status move is guarded (a late 'delivered' never undoes a bounce). A bounce marks the
 * debtor's address invalid so the next e-mail is not attempted. The presentation or delivery of
 * a registered mise en demeure records the case's mise en demeure date (cases/mise-en-demeure.ts).
 */
export async function applyProviderEvent(
  ctx: ServiceContext,
  provider: 'local_sms' | 'local_post' | 'smtp',
  event: ProviderEvent,
): Promise<'applied' | 'duplicate' | 'ignored'> {
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const txCtx: ServiceContext = { ...ctx, em };
    const providerMessageId = event.data.providerMessageId;
    const [message] = await exec<EventMessage>(
      `select id, case_id, debtor_id, channel, template, recipient, reference from outbound_message
        where provider = ? and (provider_message_id = ? or (? = 'smtp' and provider_message_id = ?))
        for update`,
      [provider, providerMessageId, provider, providerMessageId.startsWith('<') ? providerMessageId : `<${providerMessageId}>`],
    );
    const [inserted] = await exec<{ id: string }>(
      `insert into message_provider_event (provider, event_id, message_id, type, payload, received_at)
       values (?, ?, ?, ?, ?::jsonb, ?) on conflict (provider, event_id) do nothing returning id`,
      [provider, event.id, message?.id ?? null, event.type, JSON.stringify(event), ctx.clock.now()],
    );
    if (!inserted) return 'duplicate';
    if (!message) return 'ignored';
    const at = Number.isNaN(Date.parse(event.data.occurredAt)) ? ctx.clock.now() : new Date(event.data.occurredAt);
    const moved = await applyStatusEvent(exec, message, event, at);
    if (moved) {
      await recordActivity(txCtx, {
        caseId: message.case_id,
        kind: 'message',
        text: `Message ${message.reference ?? ''} : ${EVENT_LABELS[event.type]}${event.data.reason ? ` (${event.data.reason})` : ''}.`,
        event: { code: 'message_tracking', params: { reference: message.reference ?? null, trackingEvent: event.type, reason: event.data.reason ?? null } },
      });
    }
    const proof = NOTICE_PROOFS[event.type];
    const noticeRecorded =
      proof !== undefined && message.template === 'mise_en_demeure' && message.channel === 'registered_letter'
        ? await recordMiseEnDemeureProof(exec, ctx.clock, {
            caseId: message.case_id,
            day: localDate(at),
            eventType: event.type,
            eventLabel: proof,
            occurredAt: at,
            provider,
            providerEventId: event.id,
            providerEventRowId: inserted.id,
            messageId: message.id,
            letterReference: message.reference,
          })
        : false;
    return moved || noticeRecorded ? 'applied' : 'ignored';
  });
}

/** The message's status move an event makes, guarded; answers whether the row changed. */
async function applyStatusEvent(exec: SqlExec, message: EventMessage, event: ProviderEvent, at: Date): Promise<boolean> {
  let changed: unknown[] = [];
  switch (event.type) {
    case 'letter.presented':
      // The first presentation only; a letter returned "avisé, non réclamé" afterwards was still presented.
      changed = await exec(
        `update outbound_message set presented_at = ?
          where id = ? and channel = 'registered_letter' and status in ('sent', 'delivered', 'failed') and presented_at is null returning id`,
        [at, message.id],
      );
      break;
    case 'message.delivered':
      changed = await exec(`update outbound_message set status = 'delivered', delivered_at = ? where id = ? and status = 'sent' returning id`, [at, message.id]);
      break;
    case 'message.failed':
      changed = await exec(
        `update outbound_message set status = 'failed', status_reason = ?, failed_at = ? where id = ? and status in ('sent', 'delivered') returning id`,
        [event.data.reason ?? 'Non distribué', at, message.id],
      );
      break;
    case 'letter.acknowledged':
      changed = await exec(
        `update outbound_message set status = 'delivered', delivered_at = coalesce(delivered_at, ?), acknowledged_at = ?
          where id = ? and channel = 'registered_letter' and status in ('sent', 'delivered') and acknowledged_at is null returning id`,
        [at, at, message.id],
      );
      break;
    case 'email.bounced':
      changed = await exec(
        `update outbound_message set status = 'bounced', status_reason = ?, failed_at = ? where id = ? and channel = 'email' and status in ('sent', 'delivered') returning id`,
        [`Adresse rejetée : ${event.data.reason ?? 'boîte inexistante'}`, at, message.id],
      );
      if (changed.length > 0 && message.recipient) {
        await exec('update debtor_email set valid = false where debtor_id = ? and lower(email) = lower(?)', [message.debtor_id, event.data.recipient ?? message.recipient]);
      }
      break;
  }
  return changed.length > 0;
}
