// Builds camt.053 bank statements (ISO 20022 BankToCustomerStatement) for the demo, tests, browser journeys
// and benchmarks: versions .001.02 and .001.08, with the shapes each uses. No dependency: the XML
// is written as text, escaped. `camt053Chunks` yields it piece by piece (a benchmark can stream a
// 100,000-entry file without holding it); `camt053Xml` joins it.

export type CamtVersion = '02' | '08';

export type CamtTransaction = {
  amountCents?: number;
  endToEndId?: string;
  /** ISO 11649 RF creditor reference (RmtInf/Strd/CdtrRefInf/Ref). */
  creditorReference?: string;
  /** RmtInf/Ustrd. */
  text?: string;
  /** Dbtr for a credit, Cdtr for a debit. */
  counterpartyName?: string;
  counterpartyIban?: string;
  /** RtrInf/Rsn/Cd (AC04, MD07, ...). */
  returnReason?: string;
  accountServicerReference?: string;
};

export type CamtEntry = CamtTransaction & {
  amountCents: number;
  direction: 'credit' | 'debit';
  currency?: string;
  reversal?: boolean;
  bookedOn: string;
  valueOn?: string;
  accountServicerReference?: string;
  entryReference?: string;
  status?: 'BOOK' | 'PDNG' | 'INFO';
  /** Several transactions: a batch entry (its amount must be their sum). */
  transactions?: CamtTransaction[];
};

export type CamtStatement = {
  version?: CamtVersion;
  messageId: string;
  statementId: string;
  iban: string;
  currency?: string;
  openingCents: number;
  /** Default: opening + booked credits − booked debits (what a bank writes). */
  closingCents?: number;
  fromDate: string;
  toDate: string;
  entries: readonly CamtEntry[];
  /** Overrides the namespace (to test a refused version). */
  namespace?: string;
};

export const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const amount = (cents: number) => (Math.abs(cents) / 100).toFixed(2);
const indicator = (cents: number) => (cents < 0 ? 'DBIT' : 'CRDT');

/** The closing balance a bank would state: opening + booked credits − booked debits in the account's currency. */
export function closingOf(statement: Pick<CamtStatement, 'openingCents' | 'entries' | 'currency'>): number {
  const currency = statement.currency ?? 'EUR';
  return statement.entries.reduce((sum, entry) => {
    if ((entry.status ?? 'BOOK') !== 'BOOK' || (entry.currency ?? currency) !== currency) return sum;
    return sum + (entry.direction === 'credit' ? entry.amountCents : -entry.amountCents);
  }, statement.openingCents);
}

function balance(code: 'OPBD' | 'CLBD', cents: number, currency: string, date: string): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${amount(cents)}</Amt><CdtDbtInd>${indicator(cents)}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
}

function party(version: CamtVersion, role: 'Dbtr' | 'Cdtr', name: string): string {
  return version === '08' ? `<${role}><Pty><Nm>${escapeXml(name)}</Nm></Pty></${role}>` : `<${role}><Nm>${escapeXml(name)}</Nm></${role}>`;
}

function transactionXml(version: CamtVersion, tx: CamtTransaction, direction: 'credit' | 'debit', currency: string, withAmount: boolean): string {
  const parts: string[] = ['<TxDtls>'];
  const refs = [tx.accountServicerReference ? `<AcctSvcrRef>${escapeXml(tx.accountServicerReference)}</AcctSvcrRef>` : '', `<EndToEndId>${escapeXml(tx.endToEndId ?? 'NOTPROVIDED')}</EndToEndId>`];
  parts.push(`<Refs>${refs.join('')}</Refs>`);
  if (withAmount && tx.amountCents !== undefined) {
    parts.push(
      version === '08'
        ? `<Amt Ccy="${currency}">${amount(tx.amountCents)}</Amt><CdtDbtInd>${direction === 'credit' ? 'CRDT' : 'DBIT'}</CdtDbtInd>`
        : `<AmtDtls><TxAmt><Amt Ccy="${currency}">${amount(tx.amountCents)}</Amt></TxAmt></AmtDtls>`,
    );
  }
  const role = direction === 'credit' ? 'Dbtr' : 'Cdtr';
  if (tx.counterpartyName || tx.counterpartyIban) {
    parts.push(
      `<RltdPties>${tx.counterpartyName ? party(version, role, tx.counterpartyName) : ''}${tx.counterpartyIban ? `<${role}Acct><Id><IBAN>${tx.counterpartyIban}</IBAN></Id></${role}Acct>` : ''}</RltdPties>`,
    );
  }
  if (tx.text || tx.creditorReference) {
    const ustrd = tx.text ? `<Ustrd>${escapeXml(tx.text)}</Ustrd>` : '';
    const strd = tx.creditorReference
      ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>${escapeXml(tx.creditorReference)}</Ref></CdtrRefInf></Strd>`
      : '';
    parts.push(`<RmtInf>${ustrd}${strd}</RmtInf>`);
  }
  if (tx.returnReason) parts.push(`<RtrInf><Rsn><Cd>${tx.returnReason}</Cd></Rsn></RtrInf>`);
  parts.push('</TxDtls>');
  return parts.join('');
}

function entryXml(version: CamtVersion, entry: CamtEntry, reference: string, currency: string): string {
  const entryCurrency = entry.currency ?? currency;
  const status = entry.status ?? 'BOOK';
  const transactions = entry.transactions ?? [entry];
  const batch = transactions.length > 1;
  return [
    '<Ntry>',
    entry.entryReference ? `<NtryRef>${escapeXml(entry.entryReference)}</NtryRef>` : '',
    `<Amt Ccy="${entryCurrency}">${amount(entry.amountCents)}</Amt>`,
    `<CdtDbtInd>${entry.direction === 'credit' ? 'CRDT' : 'DBIT'}</CdtDbtInd>`,
    entry.reversal ? '<RvslInd>true</RvslInd>' : '',
    version === '08' ? `<Sts><Cd>${status}</Cd></Sts>` : `<Sts>${status}</Sts>`,
    `<BookgDt><Dt>${entry.bookedOn}</Dt></BookgDt>`,
    `<ValDt><Dt>${entry.valueOn ?? entry.bookedOn}</Dt></ValDt>`,
    `<AcctSvcrRef>${escapeXml(entry.accountServicerReference ?? reference)}</AcctSvcrRef>`,
    `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${entry.direction === 'credit' ? 'RCDT' : 'ICDT'}</Cd><SubFmlyCd>${entry.reversal || entry.returnReason ? 'RRTN' : 'ESCT'}</SubFmlyCd></Fmly></Domn></BkTxCd>`,
    batch ? `<NtryDtls><Btch><NbOfTxs>${transactions.length}</NbOfTxs></Btch>` : '<NtryDtls>',
    ...transactions.map((tx) => transactionXml(version, tx, entry.direction, entryCurrency, batch || tx.amountCents !== undefined)),
    '</NtryDtls>',
    '</Ntry>',
  ].join('');
}

/** The statement, piece by piece (one piece per entry). */
export function* camt053Chunks(statement: CamtStatement): Generator<string> {
  const version = statement.version ?? '08';
  const currency = statement.currency ?? 'EUR';
  const namespace = statement.namespace ?? `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}`;
  const closing = statement.closingCents ?? closingOf(statement);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="${namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<BkToCstmrStmt>`;
  yield `<GrpHdr><MsgId>${escapeXml(statement.messageId)}</MsgId><CreDtTm>${statement.toDate}T20:00:00+01:00</CreDtTm></GrpHdr>\n`;
  yield `<Stmt><Id>${escapeXml(statement.statementId)}</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>${statement.toDate}T20:00:00+01:00</CreDtTm>`;
  yield `<FrToDt><FrDtTm>${statement.fromDate}T00:00:00+01:00</FrDtTm><ToDtTm>${statement.toDate}T23:59:59+01:00</ToDtTm></FrToDt>`;
  yield `<Acct><Id><IBAN>${statement.iban}</IBAN></Id><Ccy>${currency}</Ccy><Svcr><FinInstnId>${version === '08' ? '<BICFI>BNPAFRPPXXX</BICFI>' : '<BIC>BNPAFRPPXXX</BIC>'}</FinInstnId></Svcr></Acct>\n`;
  yield balance('OPBD', statement.openingCents, currency, statement.fromDate);
  yield balance('CLBD', closing, currency, statement.toDate);
  yield '\n';
  let index = 0;
  for (const entry of statement.entries) {
    yield `${entryXml(version, entry, `${statement.statementId}-${String(index + 1).padStart(6, '0')}`, currency)}\n`;
    index += 1;
  }
  yield '</Stmt>\n</BkToCstmrStmt>\n</Document>\n';
}

export function camt053Xml(statement: CamtStatement): string {
  return [...camt053Chunks(statement)].join('');
}
