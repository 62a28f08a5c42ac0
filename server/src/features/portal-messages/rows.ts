import type { PortalAttachment, PortalMessage, PortalMessageTopic, StaffPortalMessage } from '@relance/contracts/portal-talk';

/** A portal_message row as both audiences read it, with its case, its attachment and its author. */
export type MessageRow = {
  id: string;
  seq: string;
  case_id: string;
  case_reference: string;
  debtor_name: string;
  creditor_name: string;
  direction: 'in' | 'out';
  topic: PortalMessageTopic | null;
  body: string;
  author_name: string | null;
  created_at: Date;
  read_at: Date | null;
  answered_at: Date | null;
  attachment_id: string | null;
  attachment_file_name: string | null;
  attachment_content_type: string | null;
  attachment_size: number | null;
};

export const messageSelect = `
  select m.id, m.seq::text as seq, m.case_id, c.reference as case_reference, d.display_name as debtor_name, cr.brand_display_name as creditor_name,
         m.direction, m.topic, m.body, u.name as author_name, m.created_at, m.read_at, m.answered_at,
         doc.id as attachment_id, doc.file_name as attachment_file_name, doc.content_type as attachment_content_type, doc.size_bytes as attachment_size
    from portal_message m
    join collection_case c on c.id = m.case_id
    join debtor d on d.id = c.debtor_id
    join creditor cr on cr.id = m.creditor_id
    left join app_user u on u.id = m.author_id
    left join case_document doc on doc.id = m.attachment_document_id`;

const iso = (value: Date) => new Date(value).toISOString();
const isoOrNull = (value: Date | null) => (value ? iso(value) : null);

/** As the debtor reads it: the agency answers as the agency (no agent's name), files download from their page. */
export function toPortalMessage(row: MessageRow, token: string): PortalMessage {
  const attachment: PortalAttachment | null =
    row.attachment_id && row.attachment_file_name
      ? {
          id: row.attachment_id,
          fileName: row.attachment_file_name,
          contentType: row.attachment_content_type as PortalAttachment['contentType'],
          sizeBytes: Number(row.attachment_size ?? 0),
          downloadUrl: `/api/v1/portal/${encodeURIComponent(token)}/documents/${row.attachment_id}/download`,
        }
      : null;
  return { id: row.id, direction: row.direction, topic: row.topic, body: row.body, attachment, createdAt: iso(row.created_at) };
}

/** As agency staff read it (the team inbox, the case's thread). */
export function toStaffMessage(row: MessageRow): StaffPortalMessage {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    debtorName: row.debtor_name,
    creditorName: row.creditor_name,
    direction: row.direction,
    topic: row.topic,
    body: row.body,
    attachment:
      row.attachment_id && row.attachment_file_name
        ? {
            id: row.attachment_id,
            fileName: row.attachment_file_name,
            contentType: row.attachment_content_type ?? 'application/octet-stream',
            sizeBytes: Number(row.attachment_size ?? 0),
            downloadUrl: `/api/v1/cases/${row.case_id}/documents/${row.attachment_id}/download`,
          }
        : null,
    authorName: row.author_name,
    createdAt: iso(row.created_at),
    readAt: isoOrNull(row.read_at),
    answeredAt: isoOrNull(row.answered_at),
  };
}

/** The topics as agents read them (French: the staff app's language) on the timeline. */
export const TOPIC_FR: Record<PortalMessageTopic, string> = {
  hardship: 'difficultés financières',
  wrong_address: 'mauvaise adresse',
  already_paid: 'déjà payé',
  question: 'question',
  other: 'autre sujet',
};

/** The first words of a text for a timeline entry, on one line. */
export function excerpt(text: string, length = 280): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
