import { describe, expect, it } from 'vitest';
import { headersSignature, normaliseHeader, suggestMapping } from '../src/features/imports/mapping.ts';
import { detectDelimiter, detectEncoding, openFile } from '../src/features/imports/reader.ts';
import { debtorMatchKey, excelSerialToDate, makeRowReader, parseImportAmount, parseImportDate, parseRatePercent } from '../src/features/imports/rows.ts';

const source = (bytes: Buffer, chunk = 7) =>
  async function* () {
    // Small chunks on purpose: multi-byte characters and lines cut across chunk boundaries.
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  };

async function readAll(bytes: Buffer) {
  const file = await openFile(source(bytes), 'csv', null);
  const records = [];
  for await (const record of file.records) records.push(record);
  return { ...file, records };
}

describe('encodings and delimiters', () => {
  const header = 'N° facture;Raison sociale / Nom;Montant TTC';
  const line = 'F-1;Hélène Gaëtan œuvre;1 234,56 €';

  it('reads UTF-8 with and without BOM', async () => {
    for (const bytes of [Buffer.from(`${header}\n${line}\n`, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\n${line}\n`)])]) {
      const file = await readAll(bytes);
      expect(file.info.encoding).toBe('utf-8');
      expect(file.headers).toEqual(['N° facture', 'Raison sociale / Nom', 'Montant TTC']);
      expect(file.records).toEqual([{ line: 2, cells: ['F-1', 'Hélène Gaëtan œuvre', '1 234,56 €'] }]);
    }
  });

  it('detects Windows-1252 (œ and € are bytes 0x9C and 0x80) and ISO-8859-1', async () => {
    const cp1252 = Buffer.from(`${header}\nF-1;Hélène Gaëtan \x9Cuvre;1 234,56 \x80\n`, 'latin1');
    const file = await readAll(cp1252);
    expect(file.info.encoding).toBe('windows-1252');
    expect(file.headers[0]).toBe('N° facture');
    expect(file.records[0]?.cells).toEqual(['F-1', 'Hélène Gaëtan œuvre', '1 234,56 €']);

    const latin1 = Buffer.from(`${header}\nF-2;Zoé Noël;10,00\n`, 'latin1');
    const iso = await readAll(latin1);
    expect(iso.info.encoding).toBe('iso-8859-1');
    expect(iso.records[0]?.cells[1]).toBe('Zoé Noël');
    expect(detectEncoding(Buffer.from('déjà', 'utf8'), true)).toBe('utf-8');
  });

  it('detects ; , tab and | delimiters, quotes and line numbers across multi-line fields', async () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a|b|c')).toBe('|');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    const file = await readAll(Buffer.from('ref,name,amount\r\nA,"Dupont, ""Jean""",1\r\n\r\nB,"two\nlines",2\r\nC,x,3\r\n'));
    expect(file.info.delimiter).toBe(',');
    expect(file.records.map((r) => [r.line, r.cells[1]])).toEqual([
      [2, 'Dupont, "Jean"'],
      [5, 'two\nlines'],
      [6, 'x'],
    ]);
  });
});

describe('French amounts, dates and rates', () => {
  it('reads amounts in cents', () => {
    expect(parseImportAmount('1 234,56')).toBe(123_456);
    expect(parseImportAmount('1 234,56 €')).toBe(123_456);
    expect(parseImportAmount('1.234,56')).toBe(123_456);
    expect(parseImportAmount('1\u00a0234,56')).toBe(123_456);
    expect(parseImportAmount('1\u202f234,56 EUR')).toBe(123_456);
    expect(parseImportAmount('1234.56')).toBe(123_456);
    expect(parseImportAmount('-50,00')).toBe(-5_000);
    expect(parseImportAmount(1234.56)).toBe(123_456);
    expect(parseImportAmount(0.1 + 0.2)).toBe(30);
    expect(parseImportAmount('12,3,4')).toBeNull();
    expect(parseImportAmount('abc')).toBeNull();
  });

  it('reads dd/mm/yyyy, yyyy-mm-dd and Excel serial dates, and refuses impossible ones', () => {
    expect(parseImportDate('14/04/2026')).toBe('2026-04-14');
    expect(parseImportDate('4/4/2026')).toBe('2026-04-04');
    expect(parseImportDate('14.04.2026')).toBe('2026-04-14');
    expect(parseImportDate('2026-04-14')).toBe('2026-04-14');
    expect(parseImportDate('2026-04-14 00:00:00')).toBe('2026-04-14');
    expect(parseImportDate('46126')).toBe('2026-04-14');
    expect(parseImportDate(46126)).toBe('2026-04-14');
    expect(excelSerialToDate(1)).toBe('1899-12-31');
    expect(parseImportDate(new Date(Date.UTC(2026, 3, 14)))).toBe('2026-04-14');
    expect(parseImportDate('31/02/2026')).toBeNull();
    expect(parseImportDate('14/04/26')).toBeNull();
    expect(parseImportDate('04/14/2026')).toBeNull();
  });

  it('reads contractual rates in percent as basis points', () => {
    expect(parseRatePercent('10 %')).toBe(1_000);
    expect(parseRatePercent('12,5')).toBe(1_250);
    expect(parseRatePercent(3)).toBe(300);
    expect(parseRatePercent('douze')).toBeNull();
  });
});

describe('column mapping suggestions', () => {
  it('recognises French headers whatever the accents, case and punctuation', () => {
    expect(normaliseHeader("  Date d'ÉCHÉANCE ")).toBe('date d echeance');
    const suggestion = suggestMapping([
      'N° facture', 'Date facture', "Date d'échéance", 'Montant TTC', 'Raison sociale / Nom', 'SIREN', 'SIRET', 'E-mail',
      'Téléphone', 'Adresse', 'Code postal', 'Ville', 'Date de mise en demeure', 'Taux contractuel', 'Commentaire',
    ]);
    expect(suggestion.missing).toEqual([]);
    expect(suggestion.ambiguous).toEqual([]);
    expect(suggestion.mapping).toEqual({
      invoiceRef: 'N° facture',
      issueDate: 'Date facture',
      dueDate: "Date d'échéance",
      amount: 'Montant TTC',
      debtorName: 'Raison sociale / Nom',
      siren: 'SIREN',
      siret: 'SIRET',
      email: 'E-mail',
      phone: 'Téléphone',
      address: 'Adresse',
      postalCode: 'Code postal',
      city: 'Ville',
      miseEnDemeureDate: 'Date de mise en demeure',
      contractRate: 'Taux contractuel',
    });
  });

  it('recognises English headers and other French wordings', () => {
    expect(suggestMapping(['Invoice number', 'Invoice date', 'Due date', 'Amount due', 'Customer name', 'Phone number', 'Zip code']).mapping).toEqual({
      invoiceRef: 'Invoice number',
      issueDate: 'Invoice date',
      dueDate: 'Due date',
      amount: 'Amount due',
      debtorName: 'Customer name',
      phone: 'Phone number',
      postalCode: 'Zip code',
    });
    const french = suggestMapping(['Numéro de facture', 'Échéance', 'Reste à payer', 'Débiteur', 'Courriel']);
    expect(french.missing).toEqual([]);
    expect(french.mapping).toMatchObject({ invoiceRef: 'Numéro de facture', dueDate: 'Échéance', amount: 'Reste à payer', debtorName: 'Débiteur', email: 'Courriel' });
  });

  it('reports missing and ambiguous required fields instead of guessing', () => {
    const suggestion = suggestMapping(['Facture', 'Échéance', 'Montant TTC', 'Nom', 'Client']);
    expect(suggestion.ambiguous).toEqual([{ field: 'debtorName', headers: ['Nom', 'Client'] }]);
    expect(suggestion.mapping.debtorName).toBeUndefined();
    expect(suggestMapping(['Facture', 'Montant']).missing).toEqual(['dueDate', 'debtorName']);
  });

  it('maps the foundation fixed columns exactly', () => {
    const suggestion = suggestMapping(['invoice_ref', 'issue_date', 'due_date', 'amount', 'debtor_type', 'debtor_name', 'siren', 'email', 'phone', 'address', 'postal_code', 'city']);
    expect(suggestion.missing).toEqual([]);
    expect(suggestion.mapping).toMatchObject({ invoiceRef: 'invoice_ref', debtorType: 'debtor_type', postalCode: 'postal_code' });
    expect(headersSignature(['B', 'a'])).toBe(headersSignature(['A', 'b']));
  });
});

describe('row checks and debtor recognition', () => {
  const headers = ['ref', 'échéance', 'montant', 'nom', 'siren', 'siret', 'email', 'tel', 'cp', 'type'];
  const read = makeRowReader({
    headers,
    mapping: { invoiceRef: 'ref', dueDate: 'échéance', amount: 'montant', debtorName: 'nom', siren: 'siren', siret: 'siret', email: 'email', phone: 'tel', postalCode: 'cp', debtorType: 'type' },
    today: '2026-11-23',
    creditorKind: 'company',
  });
  const row = (values: Partial<Record<(typeof headers)[number], string>>) => headers.map((h) => values[h] ?? '');

  it('defaults the issue date to the due date and infers the debtor kind', () => {
    const result = read(row({ ref: 'A', échéance: '01/10/2026', montant: '10,00', nom: 'Garage Martin SARL' }), 2);
    expect(result).toMatchObject({ ok: true, row: { issueDate: '2026-10-01', dueDate: '2026-10-01', amountCents: 1_000, debtorKind: 'company' } });
    expect(read(row({ ref: 'A', échéance: '01/10/2026', montant: '10,00', nom: 'Jean Martin' }), 2)).toMatchObject({ row: { debtorKind: 'person' } });
  });

  it('rejects what cannot be trusted, with the column of the file', () => {
    const base = { ref: 'A', échéance: '01/10/2026', montant: '10,00', nom: 'X' };
    expect(read(row({ ...base, échéance: '01/12/2026' }), 3)).toEqual({ ok: false, rejection: { line: 3, column: 'échéance', reason: 'not_yet_due' } });
    expect(read(row({ ...base, siren: '123456789' }), 3)).toMatchObject({ rejection: { column: 'siren', reason: 'invalid_siren' } });
    expect(read(row({ ...base, siret: '73282932000075' }), 3)).toMatchObject({ rejection: { column: 'siret', reason: 'invalid_siret' } });
    expect(read(row({ ...base, email: 'pas-un-email' }), 3)).toMatchObject({ rejection: { column: 'email', reason: 'invalid_email' } });
    expect(read(row({ ...base, tel: '12' }), 3)).toMatchObject({ rejection: { column: 'tel', reason: 'invalid_phone' } });
    expect(read(row({ ...base, type: 'association' }), 3)).toMatchObject({ rejection: { column: 'type', reason: 'invalid_debtor_type' } });
    expect(read(row({ ...base, montant: '0,00' }), 3)).toMatchObject({ rejection: { reason: 'non_positive_amount' } });
    // A credit note need not be due.
    expect(read(row({ ...base, échéance: '01/12/2026', montant: '-10,00' }), 3)).toMatchObject({ ok: true, row: { amountCents: -1_000 } });
  });

  it('recognises a debtor by SIREN (or SIRET), else e-mail or phone, else name and postcode', () => {
    const base = { ref: 'A', échéance: '01/10/2026', montant: '10,00', nom: 'Boulangerie du Port' };
    const key = (values: Record<string, string>) => {
      const result = read(row({ ...base, ...values }), 2);
      if (!result.ok) throw new Error(result.rejection.reason);
      return result.row.matchKey;
    };
    expect(key({ siren: '732 829 320', email: 'a@b.fr' })).toBe('siren:732829320');
    expect(key({ siret: '73282932000074' })).toBe('siren:732829320');
    expect(key({ email: 'Compta@Port.FR', tel: '01 42 68 53 00' })).toBe('email:compta@port.fr');
    expect(key({ tel: '01 42 68 53 00' })).toBe('phone:+33142685300');
    expect(key({ nom: '  Boulangerie   du PORT ', cp: '44000' })).toBe(key({ nom: 'boulangerie du port', cp: '44000' }));
    expect(debtorMatchKey({ siren: null, email: null, phone: null, debtorName: 'Hélène Gaëtan', postalCode: '75011' })).toBe('name:helene gaetan|75011');
  });
});
