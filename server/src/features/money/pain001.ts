// The SEPA credit-transfer initiation file of a remittance run: ISO 20022 pain.001.001.09, within
// the SEPA Credit Transfer rulebook's customer-to-bank guidelines (EPC132-08): EUR only, IBAN
// accounts, names of at most 70 characters in the Latin character set the scheme accepts,
// one payment information block debiting the agency's client-funds account (CPCE R124-2) with one
// transaction per remittance or refund. EndToEndId: 'R' + the remittance id without dashes, or
// 'D' + the refund id without dashes (33 characters), which the camt.053 import reads back to
// confirm each debit. Pure: data in, XML text out.

export type CreditTransfer = {
  readonly endToEndId: string;
  readonly amountCents: number;
  readonly name: string;
  readonly iban: string;
  readonly bic: string | null;
  /** Unstructured remittance information (at most 140 characters). */
  readonly information: string;
};

export type Pain001Input = {
  readonly messageId: string;
  readonly createdAt: Date;
  readonly executionOn: string;
  readonly debtor: { readonly name: string; readonly iban: string; readonly bic: string | null };
  readonly transfers: readonly CreditTransfer[];
};

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

/** The SEPA basic Latin set (EPC217-08): letters, digits, / - ? : ( ) . , ' + and space; accents dropped, anything else a space. */
export function sepaText(text: string, maxLength: number): string {
  const latin = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (latin || '-').slice(0, maxLength).trim();
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');

/** Integer cents as a decimal amount with two fraction digits, without floating point. */
export function decimalAmount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** The pain.001.001.09 document of the transfers (at least one, each of a positive amount). */
export function pain001Xml(input: Pain001Input): string {
  if (input.transfers.length === 0) throw new Error('a pain.001 carries at least one transfer');
  const total = decimalAmount(input.transfers.reduce((sum, transfer) => sum + transfer.amountCents, 0));
  const count = String(input.transfers.length);
  const debtorName = escapeXml(sepaText(input.debtor.name, 70));
  const agent = (bic: string | null) => (bic ? `<FinInstnId><BICFI>${escapeXml(bic)}</BICFI></FinInstnId>` : '<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>');
  const transactions = input.transfers.map((transfer) => {
    if (!(transfer.amountCents > 0)) throw new Error(`transfer ${transfer.endToEndId} has no positive amount`);
    return [
      '<CdtTrfTxInf>',
      `<PmtId><EndToEndId>${escapeXml(transfer.endToEndId)}</EndToEndId></PmtId>`,
      `<Amt><InstdAmt Ccy="EUR">${decimalAmount(transfer.amountCents)}</InstdAmt></Amt>`,
      transfer.bic ? `<CdtrAgt><FinInstnId><BICFI>${escapeXml(transfer.bic)}</BICFI></FinInstnId></CdtrAgt>` : '',
      `<Cdtr><Nm>${escapeXml(sepaText(transfer.name, 70))}</Nm></Cdtr>`,
      `<CdtrAcct><Id><IBAN>${escapeXml(transfer.iban)}</IBAN></Id></CdtrAcct>`,
      `<RmtInf><Ustrd>${escapeXml(sepaText(transfer.information, 140))}</Ustrd></RmtInf>`,
      '</CdtTrfTxInf>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN001_NAMESPACE}">`,
    '<CstmrCdtTrfInitn>',
    '<GrpHdr>',
    `<MsgId>${escapeXml(input.messageId.slice(0, 35))}</MsgId>`,
    `<CreDtTm>${input.createdAt.toISOString().slice(0, 19)}</CreDtTm>`,
    `<NbOfTxs>${count}</NbOfTxs>`,
    `<CtrlSum>${total}</CtrlSum>`,
    `<InitgPty><Nm>${debtorName}</Nm></InitgPty>`,
    '</GrpHdr>',
    '<PmtInf>',
    `<PmtInfId>${escapeXml(input.messageId.slice(0, 35))}</PmtInfId>`,
    '<PmtMtd>TRF</PmtMtd>',
    '<BtchBookg>false</BtchBookg>',
    `<NbOfTxs>${count}</NbOfTxs>`,
    `<CtrlSum>${total}</CtrlSum>`,
    '<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `<ReqdExctnDt><Dt>${input.executionOn}</Dt></ReqdExctnDt>`,
    `<Dbtr><Nm>${debtorName}</Nm></Dbtr>`,
    `<DbtrAcct><Id><IBAN>${escapeXml(input.debtor.iban)}</IBAN></Id></DbtrAcct>`,
    `<DbtrAgt>${agent(input.debtor.bic)}</DbtrAgt>`,
    '<ChrgBr>SLEV</ChrgBr>',
    ...transactions,
    '</PmtInf>',
    '</CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}

/** EndToEndId of a remittance ('R') or a refund ('D'): the letter and the id's 32 hex digits. */
export function endToEndIdOf(kind: 'remittance' | 'refund', id: string): string {
  return `${kind === 'remittance' ? 'R' : 'D'}${id.replace(/-/g, '')}`;
}
