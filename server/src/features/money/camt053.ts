import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../plugins/errors.ts';

// The bank's end-of-day statement, ISO 20022 camt.053 (BankToCustomerStatement), read as a
// stream with a SAX parser (saxes): the file is never held whole, each entry is handed on as soon
// as its closing tag is read, so memory stays flat whatever the number of entries. Versions
// .001.02 to .001.08 are read by the same code: the shapes that changed between them are both
// understood (Sts as text in .02, Sts/Cd in .08; Dbtr/Nm in .02, Dbtr/Pty/Nm in .08;
// TxDtls/AmtDtls/TxAmt/Amt in .02, TxDtls/Amt in .08). A DOCTYPE is refused (no entity tricks).

export const CAMT053_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.';
export const SUPPORTED_CAMT053_VERSIONS = ['02', '03', '04', '05', '06', '07', '08'] as const;

export type StatementHeader = {
  readonly schemaVersion: string;
  readonly messageIdentifier: string;
  readonly statementIdentifier: string;
  readonly accountIban: string;
  readonly currency: string;
  readonly fromDate: string | null;
  readonly toDate: string | null;
  /** Signed: a debit balance (overdraft) is negative. */
  readonly openingBalanceCents: number;
  readonly closingBalanceCents: number;
};

/** One booked movement, or one transaction of a batch entry (split, its reference suffixed). */
export type StatementEntry = {
  /** Order in the file (a batch's transactions follow each other). */
  readonly position: number;
  /** AcctSvcrRef or NtryRef (or the position), with `/<index>` for a split batch's transaction. */
  readonly entryReference: string;
  readonly accountServicerReference: string | null;
  readonly endToEndId: string | null;
  readonly bookedOn: string;
  readonly valueOn: string | null;
  readonly direction: 'credit' | 'debit';
  readonly amountCents: number;
  readonly currency: string;
  readonly reversal: boolean;
  /** BOOK, PDNG, INFO: only booked entries move the balance. */
  readonly entryStatus: string;
  readonly structuredReference: string | null;
  readonly unstructuredText: string | null;
  readonly counterpartyName: string | null;
  readonly counterpartyIban: string | null;
  /** RtrInf/Rsn/Cd: the entry returns an earlier one (AC04, MD07, ...). */
  readonly returnReason: string | null;
  /** The batch entry's total when this transaction was split from one. */
  readonly batchTotalCents: number | null;
};

export type StatementItem = { readonly kind: 'header'; readonly header: StatementHeader } | { readonly kind: 'entry'; readonly entry: StatementEntry };

const invalid = (reason: string, extra: Record<string, unknown> = {}) => new AppError('bank_statement_invalid', 422, { reason, ...extra });

/** "1234.5" -> 123450; refuses a sign, an exponent or sub-cent digits. */
export function amountToCents(text: string): number {
  const match = /^(\d{1,15})(?:\.(\d{1,5}))?$/.exec(text.trim());
  if (!match) throw invalid('invalid_amount', { amount: text.slice(0, 40) });
  const fraction = (match[2] ?? '').padEnd(5, '0');
  if (fraction.slice(2) !== '000') throw invalid('invalid_amount', { amount: text });
  return Number(match[1]) * 100 + Number(fraction.slice(0, 2));
}

type Fields = Map<string, string>;
type Collected = { fields: Fields; ustrd: string[]; attributes: Map<string, string> };
const collected = (): Collected => ({ fields: new Map(), ustrd: [], attributes: new Map() });

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const first = (fields: Fields, ...paths: string[]): string | null => {
  for (const path of paths) {
    const value = fields.get(path);
    if (value !== undefined && value !== '') return value;
  }
  return null;
};
const dateOf = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);

type BalanceDraft = { code: string | null; amount: string | null; indicator: string | null; currency: string | null };

/**
 * The push parser: `write` text as it arrives, take the items it completed. Paths are kept
 * relative to the element that owns them (GrpHdr, Stmt, Bal, Ntry, TxDtls).
 */
export class Camt053Reader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  private readonly stack: string[] = [];
  private text = '';
  private version: string | null = null;
  private readonly statement = collected();
  private balance: BalanceDraft | null = null;
  private readonly balances: BalanceDraft[] = [];
  private header: StatementHeader | null = null;
  private statements = 0;
  private entry: Collected | null = null;
  private transactions: Collected[] = [];
  private transaction: Collected | null = null;
  private position = 0;
  private readonly out: StatementItem[] = [];

  constructor() {
    this.parser.on('doctype', () => {
      throw invalid('doctype_not_allowed');
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('text', (text) => {
      this.text += text;
    });
    this.parser.on('cdata', (text) => {
      this.text += text;
    });
    this.parser.on('closetag', (tag) => this.close(tag));
  }

  write(chunk: string): StatementItem[] {
    try {
      this.parser.write(chunk);
    } catch (error) {
      throw error instanceof AppError ? error : invalid('malformed_xml', { message: String((error as Error).message).slice(0, 200) });
    }
    return this.out.splice(0);
  }

  end(): StatementItem[] {
    this.write('');
    try {
      this.parser.close();
    } catch (error) {
      throw error instanceof AppError ? error : invalid('malformed_xml', { message: String((error as Error).message).slice(0, 200) });
    }
    if (this.version === null) throw invalid('not_camt053');
    if (this.statements === 0) throw invalid('no_statement');
    return this.out.splice(0);
  }

  private open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    if (this.stack.length === 0) this.detectVersion(tag);
    this.stack.push(name);
    this.text = '';
    const depth = this.stack.length;
    if (depth === 3 && name === 'Stmt') {
      this.statements += 1;
      if (this.statements > 1) throw invalid('several_statements');
    } else if (this.inStatement() && depth === 4 && name === 'Bal') {
      this.balance = { code: null, amount: null, indicator: null, currency: null };
    } else if (this.inStatement() && depth === 4 && name === 'Ntry') {
      this.header ??= this.completeHeader();
      this.entry = collected();
      this.transactions = [];
    } else if (this.entry && name === 'TxDtls') {
      this.transaction = collected();
    }
    if (name === 'Amt') {
      const currency = tag.attributes.Ccy;
      if (typeof currency === 'string') this.currentTarget()?.attributes.set(`${this.relativePath()}@Ccy`, currency);
      if (this.balance && depth === 5) this.balance.currency = typeof currency === 'string' ? currency : null;
    }
  }

  private detectVersion(tag: SaxesTagPlain): void {
    const prefix = tag.name.includes(':') ? tag.name.slice(0, tag.name.indexOf(':')) : null;
    const namespace = tag.attributes[prefix ? `xmlns:${prefix}` : 'xmlns'];
    if (localName(tag.name) !== 'Document' || typeof namespace !== 'string' || !namespace.startsWith(CAMT053_NAMESPACE)) {
      throw invalid('not_camt053', { namespace: typeof namespace === 'string' ? namespace.slice(0, 100) : null });
    }
    const version = namespace.slice(CAMT053_NAMESPACE.length);
    if (!(SUPPORTED_CAMT053_VERSIONS as readonly string[]).includes(version)) {
      throw new AppError('bank_statement_unsupported_version', 422, { namespace, supported: SUPPORTED_CAMT053_VERSIONS.map((v) => `camt.053.001.${v}`) });
    }
    this.version = `camt.053.001.${version}`;
  }

  private inStatement(): boolean {
    return this.stack[1] === 'BkToCstmrStmt' && this.stack[2] === 'Stmt';
  }

  /** The element whose fields the current path belongs to. */
  private currentTarget(): Collected | null {
    if (this.transaction) return this.transaction;
    if (this.entry) return this.entry;
    return this.stack[1] === 'BkToCstmrStmt' ? this.statement : null;
  }

  private relativePath(): string {
    const anchor = this.transaction ? this.stack.lastIndexOf('TxDtls') : this.entry ? 3 : 1;
    return this.stack.slice(anchor + 1).join('/');
  }

  private close(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    const depth = this.stack.length;
    const value = this.text.trim();
    this.text = '';
    if (this.balance && depth > 4) this.balanceField(name, value);
    else if (this.balance && depth === 4 && name === 'Bal') {
      this.balances.push(this.balance);
      this.balance = null;
    } else if (this.transaction && name === 'TxDtls') {
      this.transactions.push(this.transaction);
      this.transaction = null;
    } else if (this.entry && depth === 4 && name === 'Ntry') {
      this.emitEntry(this.entry, this.transactions);
      this.entry = null;
    } else if (depth === 3 && name === 'Stmt' && this.inStatement()) {
      this.header ??= this.completeHeader();
    } else {
      const target = this.currentTarget();
      const path = this.relativePath();
      if (target && path !== '' && value !== '') {
        if (path === 'RmtInf/Ustrd') target.ustrd.push(value);
        else if (!target.fields.has(path)) target.fields.set(path, value);
      }
    }
    this.stack.pop();
  }

  private balanceField(name: string, value: string): void {
    const balance = this.balance as BalanceDraft;
    const path = this.stack.slice(4).join('/');
    if (path === 'Tp/CdOrPrtry/Cd') balance.code = value;
    else if (name === 'Amt' && this.stack.length === 5) balance.amount = value;
    else if (name === 'CdtDbtInd' && this.stack.length === 5) balance.indicator = value;
  }

  private completeHeader(): StatementHeader {
    const fields = this.statement.fields;
    const signed = (code: string): number => {
      const found = this.balances.find((balance) => balance.code === code);
      if (!found?.amount) throw invalid('missing_balance', { balance: code });
      const cents = amountToCents(found.amount);
      return found.indicator === 'DBIT' ? -cents : cents;
    };
    const messageIdentifier = first(fields, 'GrpHdr/MsgId');
    const statementIdentifier = first(fields, 'Stmt/Id');
    const accountIban = first(fields, 'Stmt/Acct/Id/IBAN');
    if (!messageIdentifier || !statementIdentifier) throw invalid('missing_identifier');
    if (!accountIban) throw invalid('missing_account_iban');
    const opening = signed('OPBD');
    const closing = signed('CLBD');
    const currency = first(fields, 'Stmt/Acct/Ccy') ?? this.balances.find((balance) => balance.code === 'CLBD')?.currency ?? 'EUR';
    const header: StatementHeader = {
      schemaVersion: this.version as string,
      messageIdentifier,
      statementIdentifier,
      accountIban: accountIban.replace(/\s/g, '').toUpperCase(),
      currency,
      fromDate: dateOf(first(fields, 'Stmt/FrToDt/FrDtTm', 'Stmt/FrToDt/FrDt')),
      toDate: dateOf(first(fields, 'Stmt/FrToDt/ToDtTm', 'Stmt/FrToDt/ToDt')),
      openingBalanceCents: opening,
      closingBalanceCents: closing,
    };
    this.out.push({ kind: 'header', header });
    return header;
  }

  private emitEntry(entry: Collected, transactions: Collected[]): void {
    const fields = entry.fields;
    const amountText = first(fields, 'Amt');
    const indicator = first(fields, 'CdtDbtInd');
    const bookedOn = dateOf(first(fields, 'BookgDt/Dt', 'BookgDt/DtTm', 'ValDt/Dt'));
    if (!amountText || (indicator !== 'CRDT' && indicator !== 'DBIT') || !bookedOn) throw invalid('incomplete_entry', { position: this.position + 1 });
    const amountCents = amountToCents(amountText);
    const common = {
      direction: indicator === 'CRDT' ? ('credit' as const) : ('debit' as const),
      currency: entry.attributes.get('Amt@Ccy') ?? this.header?.currency ?? 'EUR',
      reversal: ['true', '1'].includes(first(fields, 'RvslInd') ?? ''),
      entryStatus: first(fields, 'Sts/Cd', 'Sts') ?? 'BOOK',
      bookedOn,
      valueOn: dateOf(first(fields, 'ValDt/Dt', 'ValDt/DtTm')),
    };
    const baseReference = first(fields, 'AcctSvcrRef', 'NtryRef') ?? `N${this.position + 1}`;
    const parts = transactions.length === 0 ? [entry] : transactions;
    const split = parts.length > 1;
    const amounts = parts.map((part) => {
      const own = first(part.fields, 'Amt', 'AmtDtls/TxAmt/Amt');
      if (own === null && split) throw invalid('batch_transaction_without_amount', { entryReference: baseReference });
      return own === null ? amountCents : amountToCents(own);
    });
    const total = amounts.reduce((sum, cents) => sum + cents, 0);
    if (total !== amountCents) throw invalid('batch_amounts_differ', { entryReference: baseReference, entryCents: amountCents, transactionsCents: total });
    parts.forEach((part, index) => {
      this.position += 1;
      this.out.push({ kind: 'entry', entry: this.entryOf(part, entry, { ...common, amountCents: amounts[index] as number, split, index, baseReference, total: amountCents }) });
    });
  }

  private entryOf(
    part: Collected,
    entry: Collected,
    input: Pick<StatementEntry, 'direction' | 'currency' | 'reversal' | 'entryStatus' | 'bookedOn' | 'valueOn' | 'amountCents'> & { split: boolean; index: number; baseReference: string; total: number },
  ): StatementEntry {
    const f = part.fields;
    const own = input.direction === 'credit' ? 'Dbtr' : 'Cdtr';
    const other = input.direction === 'credit' ? 'Cdtr' : 'Dbtr';
    const endToEnd = first(f, 'Refs/EndToEndId');
    const text = [...part.ustrd, ...(part === entry ? [] : entry.ustrd)];
    const additional = first(f, 'AddtlTxInf') ?? first(entry.fields, 'AddtlNtryInf');
    return {
      position: this.position,
      entryReference: input.split ? `${input.baseReference}/${input.index + 1}` : input.baseReference,
      accountServicerReference: first(f, 'Refs/AcctSvcrRef') ?? first(entry.fields, 'AcctSvcrRef'),
      endToEndId: endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : null,
      bookedOn: input.bookedOn,
      valueOn: input.valueOn,
      direction: input.direction,
      amountCents: input.amountCents,
      currency: part.attributes.get('Amt@Ccy') ?? part.attributes.get('AmtDtls/TxAmt/Amt@Ccy') ?? input.currency,
      reversal: input.reversal,
      entryStatus: input.entryStatus,
      structuredReference: first(f, 'RmtInf/Strd/CdtrRefInf/Ref')?.replace(/\s/g, '').toUpperCase() ?? null,
      unstructuredText: text.length > 0 ? text.join(' ').slice(0, 1000) : (additional?.slice(0, 1000) ?? null),
      counterpartyName: first(f, `RltdPties/${own}/Nm`, `RltdPties/${own}/Pty/Nm`, `RltdPties/${other}/Nm`, `RltdPties/${other}/Pty/Nm`),
      counterpartyIban: first(f, `RltdPties/${own}Acct/Id/IBAN`, `RltdPties/${other}Acct/Id/IBAN`)?.replace(/\s/g, '').toUpperCase() ?? null,
      returnReason: first(f, 'RtrInf/Rsn/Cd', 'RtrInf/Rsn/Prtry'),
      batchTotalCents: input.split ? input.total : null,
    };
  }
}

/** The header, then each entry, from a stream of bytes (UTF-8, as ISO 20022 messages are). */
export async function* readCamt053(source: AsyncIterable<Buffer>): AsyncGenerator<StatementItem> {
  const reader = new Camt053Reader();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    yield* reader.write(decoder.decode(chunk, { stream: true }));
  }
  yield* reader.write(decoder.decode());
  yield* reader.end();
}
