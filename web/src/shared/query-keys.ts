// Every react-query cache key of the staff app, in one place. Features do not import each other,
// yet a write in one feature must refresh another's screens (a payment moves the case list, an
// import the dashboard): both sides name the key through this file instead of spelling out the
// other feature's array. Keys are hierarchical: invalidating a prefix (`caseKeys.all`) refreshes
// every key below it. A feature's api module builds its queries from these factories only.
// The debtor portal does not use react-query and never imports this file.

export const agencyKeys = {
  all: ['agency'] as const,
  /** The public brand (issue 19): the shell, the sign-in page and the theme read it. */
  brand: ['agency', 'brand'] as const,
};

export const apiKeyKeys = {
  ofCreditor: (creditorId: string) => ['api-keys', creditorId] as const,
};

export const auditKeys = {
  list: <F>(filters: F) => ['audit', filters] as const,
  actors: ['audit', 'actors'] as const,
};

export const authKeys = {
  totp: ['auth', 'totp'] as const,
  /** The public invitation screen: the only key kept when an invited user signs in. */
  invitationRoot: 'invitation',
  invitation: (token: string) => ['invitation', token] as const,
};

export const caseKeys = {
  all: ['cases'] as const,
  lists: ['cases', 'list'] as const,
  list: <F>(filters: F) => ['cases', 'list', filters] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  statements: (id: string) => ['cases', 'statement', id] as const,
  /** The case's receipts (CPCE R124-6), one per payment. */
  receipts: (id: string) => ['cases', 'receipts', id] as const,
  /** asOf '' = the server's today (its clock, which tests may move). */
  statement: (id: string, asOf: string) => ['cases', 'statement', id, asOf] as const,
  contactChecks: ['cases', 'contact-check'] as const,
  contactCheck: (caseId: string) => ['cases', 'contact-check', caseId] as const,
  /** My saved filters of the case list. */
  savedFilters: ['cases', 'saved-filters'] as const,
  /** What the company registry says of the debtor company (issue 23). */
  registry: (caseId: string) => ['cases', 'registry', caseId] as const,
};

export const creditorKeys = {
  all: ['creditors'] as const,
  list: () => ['creditors', 'list'] as const,
  /** The creditor choices of staff screens (shared/components/CreditorSelect.tsx). */
  options: ['creditors', 'options'] as const,
  detail: (id: string) => ['creditors', 'detail', id] as const,
  users: (id: string) => ['users', { creditorId: id }] as const,
  invitations: (id: string) => ['creditors', 'invitations', id] as const,
};

export const consultationKeys = {
  /** Every consultation screen (issue 19): the creditor's page, its nav badge, the case screen's card. */
  all: ['consultations'] as const,
  list: <F>(filters: F) => ['consultations', 'list', filters] as const,
};

export const documentKeys = {
  ofCase: (caseId: string) => ['documents', 'case', caseId] as const,
};

export const dunningKeys = {
  all: ['dunning'] as const,
  strategies: () => ['dunning', 'strategies'] as const,
  preview: () => ['dunning', 'preview'] as const,
  previewComputation: (id: string) => ['dunning', 'previews', id] as const,
  runs: () => ['dunning', 'runs'] as const,
  run: (id: string) => ['dunning', 'runs', id] as const,
  ofCase: (caseId: string) => ['dunning', 'case', caseId] as const,
};

export const importKeys = {
  all: ['imports'] as const,
  list: () => ['imports', 'list'] as const,
  detail: (id: string) => ['imports', 'detail', id] as const,
  preview: (id: string) => ['imports', 'preview', id] as const,
};

export const legalKeys = {
  rates: ['rates'] as const,
  /** Every legal action screen (issue 16): the case panel, the board, the creditor's proposals. */
  actions: ['legal-actions'] as const,
  ofCase: (caseId: string) => ['legal-actions', 'case', caseId] as const,
  detail: (id: string) => ['legal-actions', 'detail', id] as const,
  documents: (id: string) => ['legal-actions', 'documents', id] as const,
  board: <F>(filters: F) => ['legal-actions', 'board', filters] as const,
  precheck: (caseId: string, kind: string) => ['legal-actions', 'precheck', caseId, kind] as const,
};

/** The court directory and the commissaires (settings of the judicial phase). */
export const legalDirectoryKeys = {
  courts: ['legal-directory', 'courts'] as const,
  courtList: <F>(filters: F) => ['legal-directory', 'courts', 'list', filters] as const,
  court: (id: string) => ['legal-directory', 'courts', 'detail', id] as const,
  commissaires: ['legal-directory', 'commissaires'] as const,
  commissaireList: <F>(filters: F) => ['legal-directory', 'commissaires', filters] as const,
};

export const messageKeys = {
  all: ['messages'] as const,
  outbox: <F>(filters: F) => ['messages', 'outbox', filters] as const,
  ofCase: (caseId: string) => ['messages', 'case', caseId] as const,
  preview: (id: string) => ['messages', 'preview', id] as const,
};

export const wordingKeys = {
  all: ['wording'] as const,
  inForce: (creditorId: string) => ['wording', 'in-force', creditorId] as const,
  proposalsOf: (creditorId: string) => ['wording', 'proposals', creditorId] as const,
  pending: ['wording', 'pending'] as const,
  letterPreview: <B>(creditorId: string, body: B) => ['wording', 'letter-preview', creditorId, body] as const,
};

export const paymentKeys = {
  anomalies: ['payment-anomalies'] as const,
  anomaliesWith: (status: string) => ['payment-anomalies', status] as const,
};

export const planKeys = {
  all: ['plans'] as const,
  ofCase: (caseId: string) => ['plans', 'case', caseId] as const,
  preview: <B>(caseId: string, body: B) => ['plans', 'preview', caseId, body] as const,
  approvals: ['plans', 'approvals'] as const,
  notifications: ['notifications'] as const,
};

export const prescriptionKeys = {
  all: ['prescription'] as const,
  closureProposals: ['prescription', 'closure-proposals'] as const,
  imminent: ['prescription', 'imminent'] as const,
};

export const promiseKeys = {
  list: (caseId: string) => ['promises', caseId] as const,
};

export const queueKeys = {
  stats: ['queue', 'stats'] as const,
};

export const reportKeys = {
  creditorDashboard: (creditorId: string) => ['dashboard', 'creditor', creditorId] as const,
  kpis: (creditorId: string, from: string, to: string) => ['dashboard', 'kpis', creditorId, from, to] as const,
  monthlyReportsAll: ['dashboard', 'monthly'] as const,
  monthlyReports: (creditorId: string) => ['dashboard', 'monthly', creditorId] as const,
  monthlyReport: (id: string) => ['dashboard', 'monthly-report', id] as const,
  all: ['dashboard'] as const,
};

export const rgpdKeys = {
  all: ['rgpd'] as const,
  list: (status: string) => ['rgpd', 'list', status] as const,
  ofCase: (caseId: string) => ['rgpd', 'case', caseId] as const,
  debtor: (caseId: string) => ['rgpd', 'debtor', caseId] as const,
};

/** Portfolios, the agents' workload (issue 20). A rebalance or a bulk assignment also moves the case list (caseKeys.all). */
export const portfolioKeys = {
  all: ['portfolios'] as const,
  list: ['portfolios', 'list'] as const,
  workload: ['portfolios', 'workload'] as const,
};

/** The agency's accounts (issue 20, staff administration). */
export const staffKeys = {
  list: ['staff', 'list'] as const,
};

export const teamKeys = {
  board: (from: string, to: string) => ['team', 'board', from, to] as const,
  queueHealth: ['team', 'queue-health'] as const,
};

export const webhookKeys = {
  ofCreditor: (creditorId: string) => ['webhooks', creditorId] as const,
  deliveries: (creditorId: string, webhookId: string) => ['webhooks', 'deliveries', creditorId, webhookId] as const,
};

/** The finance screens (issue 17): books, bank statements, remittances, receipts, commission invoices. */
export const moneyKeys = {
  all: ['money'] as const,
  trialBalance: (asOf: string) => ['money', 'trial-balance', asOf] as const,
  journal: <F>(filters: F) => ['money', 'journal', filters] as const,
  statements: ['money', 'bank-statements'] as const,
  statement: (id: string) => ['money', 'bank-statements', id] as const,
  unmatched: ['money', 'bank-entries', 'unmatched'] as const,
  recentlyMatched: ['money', 'bank-entries', 'matched'] as const,
  heldFunds: ['money', 'held-funds'] as const,
  runs: ['money', 'runs'] as const,
  run: (id: string) => ['money', 'runs', id] as const,
  receipts: <F>(filters: F) => ['money', 'receipts', filters] as const,
  invoices: <F>(filters: F) => ['money', 'commission-invoices', filters] as const,
  /** A creditor user's own remittances. */
  ownRemittances: ['money', 'own-remittances'] as const,
};

/** What debtors write from their page (issue 18): the team inbox and each case's thread. */
export const portalMessageKeys = {
  all: ['portal-messages'] as const,
  inbox: (status: string) => ['portal-messages', 'inbox', status] as const,
  thread: (caseId: string) => ['portal-messages', 'thread', caseId] as const,
};
