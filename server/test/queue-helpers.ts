import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import type { TestApp } from './harness.ts';

export type Agent = { id: string; token: string };

export async function makeAgents(t: TestApp, n: number): Promise<Agent[]> {
  return await Promise.all(
    Array.from({ length: n }, async () => {
      const user = await makeUser(t, 'agent');
      return { id: user.id, token: await login(t, user) };
    }),
  );
}

/** A creditor of its own, `amounts.length` cases, and a portfolio of that creditor worked by `agents`: each test its own slice of the queue. */
export async function makeSlice(t: TestApp, managerToken: string, amounts: number[], agents: Agent[]) {
  const creditor = await makeCreditor(t);
  const cases = [];
  for (const amountCents of amounts) cases.push(await makeCase(t, creditor.id, [{ amountCents }]));
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/portfolios',
    headers: bearer(managerToken),
    payload: { name: `P ${creditor.legalName}`, creditorId: creditor.id, memberIds: agents.map((a) => a.id) },
  });
  if (response.statusCode !== 201) throw new Error(`portfolio: ${response.statusCode} ${response.body}`);
  return { creditor, cases, portfolioId: response.json().id as string };
}

export async function next(t: TestApp, agent: Agent) {
  return await t.app.inject({ method: 'POST', url: '/api/v1/queue/next', headers: bearer(agent.token) });
}

export async function leaseAction(t: TestApp, agent: Agent, caseId: string, action: 'heartbeat' | 'release' | 'done') {
  return await t.app.inject({ method: 'POST', url: `/api/v1/queue/${caseId}/${action}`, headers: bearer(agent.token) });
}
