import { randomBytes } from 'node:crypto';
import { sirenFrom } from '@relance/seeds/random';
import { bearer } from './factories.ts';
import type { TestApp } from './harness.ts';

/** Helpers for cases created through the API (POST /api/v1/cases), as a client would. */

export function uniqueRef(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function randomSiren(): string {
  return sirenFrom(String(10_000_000 + Math.floor(Math.random() * 80_000_000)));
}

export type ApiClaim = {
  ref?: string;
  issueDate?: string;
  dueDate: string;
  amountCents: number;
  currency?: string;
  contractRatePercent?: number;
  nature?: string;
  /** The creditor knows the claim is already prescribed (else POST /cases refuses it, 422). */
  prescribedAtIntake?: boolean;
};

export type ApiCaseInput = {
  creditorId?: string;
  externalRef?: string;
  debtor?: {
    type?: 'company' | 'person';
    name?: string;
    siren?: string;
    email?: string;
    phone?: string;
    address?: { line1: string; postalCode: string; city: string };
  };
  claims: ApiClaim[];
  miseEnDemeureDate?: string;
};

/** A create-case body: unique refs and names unless given; a company debtor gets a valid SIREN. */
export function caseBody(input: ApiCaseInput) {
  const type = input.debtor?.type ?? 'company';
  return {
    ...(input.creditorId ? { creditorId: input.creditorId } : {}),
    ...(input.externalRef ? { externalRef: input.externalRef } : {}),
    debtor: {
      type,
      name: input.debtor?.name ?? uniqueRef(type === 'company' ? 'Société' : 'Particulier'),
      ...(type === 'company' ? { siren: input.debtor?.siren ?? randomSiren() } : input.debtor?.siren ? { siren: input.debtor.siren } : {}),
      ...(input.debtor?.email ? { email: input.debtor.email } : {}),
      ...(input.debtor?.phone ? { phone: input.debtor.phone } : {}),
      ...(input.debtor?.address ? { address: input.debtor.address } : {}),
    },
    claims: input.claims.map((claim) => ({
      ref: claim.ref ?? uniqueRef('FAC'),
      issueDate: claim.issueDate ?? claim.dueDate,
      dueDate: claim.dueDate,
      amountCents: claim.amountCents,
      ...(claim.currency ? { currency: claim.currency } : {}),
      ...(claim.contractRatePercent === undefined ? {} : { contractRatePercent: claim.contractRatePercent }),
      ...(claim.nature === undefined ? {} : { nature: claim.nature }),
      ...(claim.prescribedAtIntake === undefined ? {} : { prescribedAtIntake: claim.prescribedAtIntake }),
    })),
    ...(input.miseEnDemeureDate ? { miseEnDemeureDate: input.miseEnDemeureDate } : {}),
  };
}

export async function postCase(t: TestApp, token: string, body: unknown, headers: Record<string, string> = {}) {
  return await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...bearer(token), ...headers }, payload: body as object });
}

/** Creates a case through the API and fails loudly when the server refuses it. */
export async function createCaseViaApi(t: TestApp, token: string, input: ApiCaseInput): Promise<{ id: string; claimRefs: string[] }> {
  const body = caseBody(input);
  const response = await postCase(t, token, body);
  if (response.statusCode !== 201) throw new Error(`create case failed: ${response.statusCode} ${response.body}`);
  return { id: response.json().id as string, claimRefs: body.claims.map((claim) => claim.ref) };
}

export async function postPayment(
  t: TestApp,
  token: string,
  caseId: string,
  body: { date: string; amountCents: number; method?: string; claimRef?: string },
  headers: Record<string, string> = {},
) {
  return await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/payments`,
    headers: { ...bearer(token), ...headers },
    payload: { method: 'transfer', ...body },
  });
}

export async function getStatement(t: TestApp, token: string, caseId: string, asOf?: string) {
  return await t.app.inject({
    method: 'GET',
    url: `/api/v1/cases/${caseId}/statement${asOf ? `?asOf=${asOf}` : ''}`,
    headers: bearer(token),
  });
}
