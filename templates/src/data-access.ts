import { Document, Page, renderToBuffer, StyleSheet, Text, View } from '@react-pdf/renderer';
import { frenchDate, localDate } from '@relance/domain/calendar';
import React, { type ReactElement, type ReactNode } from 'react';
import { amount, PAYMENT_METHODS } from './format.ts';
import type { Locale } from './letter-model.ts';
import { FONT_FAMILY } from './letters.ts';

// The summary of a debtor's personal data handed to the person under RGPD art. 15 (right of
// access): who holds it and why (art. 15(1)(a) to (h)), then the data itself, section by section.
// The full detail goes with it as JSON (structured, art. 15(3) and 20 spirit). Pure: props -> document.

const h = React.createElement;

/** What the server hands over (the same shape as @relance/contracts DebtorDataExport, kept structural). */
export type DataAccessProps = {
  locale: Locale;
  generatedAt: string;
  generatedBy: string;
  controller: { legalName: string; address: string };
  processor: { name: string; address: string };
  processing: { purpose: string; legalBasis: string; source: string; recipients: string[]; retention: string; rights: string };
  debtor: {
    kind: 'company' | 'person';
    displayName: string;
    firstName: string | null;
    lastName: string | null;
    companyName: string | null;
    siren: string | null;
    emails: { email: string; valid: boolean }[];
    phones: { phone: string; valid: boolean }[];
    addresses: { line1: string; postalCode: string; city: string; country: string; valid: boolean }[];
  };
  case: { reference: string; externalRef: string | null; status: string; openedOn: string; closedAt: string | null };
  claims: { invoiceRef: string; issueDate: string; dueDate: string; amountCents: number; currency: string }[];
  payments: { receivedOn: string; amountCents: number; currency: string; method: string }[];
  promises: { madeOn: string; dueOn: string; amountCents: number; status: string }[];
  plans: { status: string; totalCents: number; installments: unknown[] }[];
  disputes: { openedAt: string; reason: string; resolution: string | null }[];
  messages: { channel: string; template: string; recipient: string | null; status: string; queuedAt: string; sentAt: string | null }[];
  documents: { kind: string; title: string; createdAt: string }[];
  timeline: { kind: string; text: string; occurredAt: string; authorName: string | null }[];
  portalLinks: { createdAt: string; expiresAt: string }[];
  requests: { kind: string; receivedOn: string; status: string; outcome: string | null }[];
};

type Texts = Record<Locale, string>;
const tr = (locale: Locale, texts: Texts): string => texts[locale];

const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 8.5, lineHeight: 1.35, paddingTop: 32, paddingBottom: 44, paddingHorizontal: 40, color: '#222222' },
  title: { fontSize: 14, fontWeight: 'bold', marginBottom: 2 },
  subtitle: { fontSize: 8, color: '#555555', marginBottom: 10 },
  section: { marginBottom: 8 },
  heading: { fontSize: 10, fontWeight: 'bold', marginBottom: 3, paddingBottom: 1, borderBottomWidth: 0.5, borderBottomColor: '#999999' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: '#e2e2e2', paddingVertical: 1.5 },
  label: { width: '32%', color: '#555555' },
  value: { width: '68%' },
  cell: { flexGrow: 1, flexBasis: 0, paddingRight: 4 },
  amountCell: { width: 80, textAlign: 'right' },
  dateCell: { width: 64, paddingRight: 4 },
  muted: { color: '#666666' },
  footer: { position: 'absolute', bottom: 18, left: 40, right: 40, fontSize: 6.5, color: '#666666', textAlign: 'center' },
});

// The day in Paris (an instant late in the evening UTC is already the next day there).
const dateOfInstant = (instant: string): string => frenchDate(localDate(new Date(instant)));

const STATUSES: Record<string, Texts> = {
  new: { fr: 'nouveau', en: 'new' },
  amicable: { fr: 'recouvrement amiable', en: 'amicable collection' },
  promise: { fr: 'promesse de paiement', en: 'promise to pay' },
  payment_plan: { fr: 'échéancier', en: 'payment plan' },
  disputed: { fr: 'contesté', en: 'disputed' },
  legal: { fr: 'phase judiciaire', en: 'legal stage' },
  bailiff: { fr: 'commissaire de justice', en: 'bailiff' },
  closed: { fr: 'clos', en: 'closed' },
};
const label = (labels: Record<string, Texts>, locale: Locale, value: string): string => labels[value]?.[locale] ?? value;

function field(label: string, value: string | null): ReactElement {
  return h(View, { style: styles.row, wrap: false }, h(Text, { style: styles.label }, label), h(Text, { style: styles.value }, value ?? '—'));
}

function section(title: string, children: ReactNode[], empty: string): ReactElement {
  return h(View, { style: styles.section }, h(Text, { style: styles.heading, minPresenceAhead: 24 }, title), ...(children.length > 0 ? children : [h(Text, { key: 'empty', style: styles.muted }, empty)]));
}

/** A row: the cells share the width; `dated` gives the first (a date) a narrow column of its own. */
function line(key: number, cells: (string | ReactElement)[], amountText?: string, dated = false): ReactElement {
  return h(
    View,
    { key, style: styles.row, wrap: false },
    ...cells.map((cell, index) =>
      typeof cell === 'string' ? h(Text, { key: index, style: dated && index === 0 ? styles.dateCell : styles.cell }, cell) : cell,
    ),
    ...(amountText === undefined ? [] : [h(Text, { key: 'amount', style: styles.amountCell }, amountText)]),
  );
}

export function dataAccessDocument(props: DataAccessProps): ReactElement {
  const { locale } = props;
  const none = tr(locale, { fr: 'Aucune donnée.', en: 'No data.' });
  const valid = (ok: boolean) => (ok ? '' : tr(locale, { fr: ' (invalide)', en: ' (invalid)' }));
  const d = props.debtor;
  const content: ReactElement[] = [
    h(Text, { key: 'title', style: styles.title }, tr(locale, { fr: 'Vos données personnelles', en: 'Your personal data' })),
    h(
      Text,
      { key: 'subtitle', style: styles.subtitle },
      tr(locale, {
        fr: `Droit d'accès (RGPD art. 15) · dossier ${props.case.reference} · établi le ${dateOfInstant(props.generatedAt)} par ${props.generatedBy}`,
        en: `Right of access (GDPR art. 15) · case ${props.case.reference} · issued on ${dateOfInstant(props.generatedAt)} by ${props.generatedBy}`,
      }),
    ),
    section(
      tr(locale, { fr: 'Qui traite vos données et pourquoi', en: 'Who processes your data and why' }),
      [
        field(tr(locale, { fr: 'Responsable du traitement', en: 'Controller' }), `${props.controller.legalName}, ${props.controller.address}`),
        field(tr(locale, { fr: 'Sous-traitant (recouvrement)', en: 'Processor (collection)' }), `${props.processor.name}, ${props.processor.address}`),
        field(tr(locale, { fr: 'Finalité', en: 'Purpose' }), props.processing.purpose),
        field(tr(locale, { fr: 'Base légale', en: 'Legal basis' }), props.processing.legalBasis),
        field(tr(locale, { fr: 'Origine des données', en: 'Source' }), props.processing.source),
        field(tr(locale, { fr: 'Destinataires', en: 'Recipients' }), props.processing.recipients.join(' ; ')),
        field(tr(locale, { fr: 'Durée de conservation', en: 'Retention' }), props.processing.retention),
        field(tr(locale, { fr: 'Vos droits', en: 'Your rights' }), props.processing.rights),
      ],
      none,
    ),
    section(
      tr(locale, { fr: 'Identité et coordonnées', en: 'Identity and contact details' }),
      [
        field(tr(locale, { fr: 'Nom', en: 'Name' }), d.displayName),
        ...(d.kind === 'person'
          ? [field(tr(locale, { fr: 'Prénom', en: 'First name' }), d.firstName), field(tr(locale, { fr: 'Nom de famille', en: 'Last name' }), d.lastName)]
          : [field(tr(locale, { fr: 'Société', en: 'Company' }), d.companyName), field('SIREN', d.siren)]),
        field(tr(locale, { fr: 'E-mails', en: 'E-mails' }), d.emails.map((e) => `${e.email}${valid(e.valid)}`).join(', ') || null),
        field(tr(locale, { fr: 'Téléphones', en: 'Phones' }), d.phones.map((p) => `${p.phone}${valid(p.valid)}`).join(', ') || null),
        field(
          tr(locale, { fr: 'Adresses', en: 'Addresses' }),
          d.addresses.map((a) => `${a.line1}, ${a.postalCode} ${a.city} (${a.country})${valid(a.valid)}`).join(' ; ') || null,
        ),
      ],
      none,
    ),
    section(
      tr(locale, { fr: 'Dossier', en: 'Case' }),
      [
        field(tr(locale, { fr: 'Référence', en: 'Reference' }), props.case.reference),
        field(tr(locale, { fr: 'Référence du créancier', en: "Creditor's reference" }), props.case.externalRef),
        field(tr(locale, { fr: 'Statut', en: 'Status' }), label(STATUSES, locale, props.case.status)),
        field(tr(locale, { fr: 'Ouvert le', en: 'Opened on' }), frenchDate(props.case.openedOn)),
        field(tr(locale, { fr: 'Clos le', en: 'Closed on' }), props.case.closedAt ? dateOfInstant(props.case.closedAt) : null),
      ],
      none,
    ),
    section(
      tr(locale, { fr: 'Créances', en: 'Claims' }),
      props.claims.map((c, index) =>
        line(index, [c.invoiceRef, `${tr(locale, { fr: 'émise le', en: 'issued' })} ${frenchDate(c.issueDate)}`, `${tr(locale, { fr: 'échue le', en: 'due' })} ${frenchDate(c.dueDate)}`], amount(c.amountCents, c.currency, locale)),
      ),
      none,
    ),
    section(
      tr(locale, { fr: 'Paiements', en: 'Payments' }),
      props.payments.map((p, index) => line(index, [frenchDate(p.receivedOn), label(PAYMENT_METHODS, locale, p.method)], amount(p.amountCents, p.currency, locale), true)),
      none,
    ),
    section(
      tr(locale, { fr: 'Promesses, échéanciers et contestations', en: 'Promises, payment plans and disputes' }),
      [
        ...props.promises.map((p, index) => line(index, [`${tr(locale, { fr: 'Promesse du', en: 'Promise of' })} ${frenchDate(p.madeOn)}`, `${tr(locale, { fr: 'pour le', en: 'for' })} ${frenchDate(p.dueOn)}`, p.status], amount(p.amountCents, 'EUR', locale))),
        ...props.plans.map((p, index) => line(1000 + index, [tr(locale, { fr: 'Échéancier', en: 'Payment plan' }), `${p.installments.length} ${tr(locale, { fr: 'échéances', en: 'installments' })}`, p.status], amount(p.totalCents, 'EUR', locale))),
        ...props.disputes.map((c, index) => line(2000 + index, [`${tr(locale, { fr: 'Contestation du', en: 'Dispute of' })} ${dateOfInstant(c.openedAt)}`, c.reason, c.resolution ?? tr(locale, { fr: 'en cours', en: 'open' })])),
      ],
      none,
    ),
    section(
      tr(locale, { fr: 'Messages envoyés', en: 'Messages sent' }),
      props.messages.map((m, index) => line(index, [dateOfInstant(m.sentAt ?? m.queuedAt), `${m.channel} · ${m.template}`, m.recipient ?? '—', m.status], undefined, true)),
      none,
    ),
    section(
      tr(locale, { fr: 'Documents conservés', en: 'Documents kept' }),
      props.documents.map((doc, index) => line(index, [dateOfInstant(doc.createdAt), doc.kind, doc.title], undefined, true)),
      none,
    ),
    section(
      tr(locale, { fr: 'Historique du dossier', en: 'Case history' }),
      props.timeline.map((entry, index) => line(index, [dateOfInstant(entry.occurredAt), entry.text], undefined, true)),
      none,
    ),
    section(
      tr(locale, { fr: 'Liens personnels et demandes', en: 'Personal links and requests' }),
      [
        ...props.portalLinks.map((link, index) =>
          line(index, [`${tr(locale, { fr: 'Lien créé le', en: 'Link created' })} ${dateOfInstant(link.createdAt)}`, `${tr(locale, { fr: "valable jusqu'au", en: 'valid until' })} ${dateOfInstant(link.expiresAt)}`]),
        ),
        ...props.requests.map((r, index) => line(1000 + index, [`${tr(locale, { fr: 'Demande', en: 'Request' })} ${r.kind}`, frenchDate(r.receivedOn), r.outcome ?? r.status])),
      ],
      none,
    ),
  ];
  return h(
    Document,
    { title: tr(locale, { fr: `Données personnelles — ${props.case.reference}`, en: `Personal data — ${props.case.reference}` }), language: locale },
    h(
      Page,
      { size: 'A4', style: styles.page },
      ...content,
      h(Text, { style: styles.footer, fixed: true }, `${props.processor.name} · ${tr(locale, { fr: 'pour le compte de', en: 'on behalf of' })} ${props.controller.legalName}`),
    ),
  );
}

export async function renderDataAccessPdf(props: DataAccessProps): Promise<Buffer> {
  return await renderToBuffer(dataAccessDocument(props) as Parameters<typeof renderToBuffer>[0]);
}
