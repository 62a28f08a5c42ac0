import { centsFromDatabase } from '@relance/domain/money';
import type { FastifyInstance } from 'fastify';
import { contextOf } from '../../plugins/request-context.ts';
import { emExec } from '../../plugins/sql.ts';
import { findLocalSession, LOCAL_TEST_CARDS, submitLocalCheckout } from './local-card-provider.ts';

/**
 * The LOCAL provider's hosted checkout page (what a real provider serves on its own domain).
 * Plain server-rendered HTML, outside /api: it is not part of our API.
 */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(title: string, body: string, color: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;margin:0;color:#1f2330}
main{max-width:420px;margin:48px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);overflow:hidden}
header{background:${color};color:#fff;padding:20px 24px;font-weight:600}
section{padding:24px}
.amount{font-size:28px;font-weight:700;margin:0 0 16px}
label{display:block;font-size:13px;margin:12px 0 4px;color:#555}
input{width:100%;box-sizing:border-box;padding:10px 12px;border:1px solid #ccd;border-radius:8px;font-size:16px}
.row{display:flex;gap:12px}.row>div{flex:1}
button{margin-top:20px;width:100%;padding:12px;border:0;border-radius:8px;background:${color};color:#fff;font-size:16px;font-weight:600;cursor:pointer}
.hint{font-size:12px;color:#666;margin-top:16px;line-height:1.5}
.cancel{display:block;text-align:center;margin-top:14px;color:#555;font-size:14px}
.badge{display:inline-block;font-size:11px;background:#fff3;border-radius:4px;padding:2px 6px;margin-left:8px}
</style></head><body><main>${body}</main></body></html>`;
}

export async function localCardPages(app: FastifyInstance) {
  // The hosted form posts urlencoded fields; parsed here only (encapsulated to this plugin).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.get<{ Params: { id: string } }>('/local-pay/checkout/:id', async (request, reply) => {
    const session = await findLocalSession(emExec(contextOf(request).em), request.params.id);
    reply.type('text/html; charset=utf-8');
    if (!session) return reply.code(404).send(page('Session inconnue', '<section>Cette session de paiement est inconnue.</section>', '#555'));
    if (session.status !== 'open') {
      return page(
        'Session terminée',
        `<header>${escapeHtml(session.merchant_name)}</header><section><p>Cette session de paiement est terminée.</p>
         <a class="cancel" href="${escapeHtml(session.cancel_url)}">Retour</a></section>`,
        session.merchant_color,
      );
    }
    const amount = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: session.currency }).format(
      centsFromDatabase(session.amount_cents, 'amount_cents') / 100,
    );
    return page(
      `Paiement — ${session.merchant_name}`,
      `<header>${escapeHtml(session.merchant_name)}<span class="badge">Paiement sécurisé</span></header>
      <section>
        <p class="amount" data-testid="checkout-amount">${escapeHtml(amount)}</p>
        <form method="post" action="/local-pay/checkout/${escapeHtml(session.id)}/submit">
          <label for="card">Numéro de carte</label>
          <input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required placeholder="4242 4242 4242 4242">
          <div class="row"><div><label for="exp">Expiration</label><input id="exp" name="exp" placeholder="MM/AA" required></div>
          <div><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" placeholder="123" required></div></div>
          <button type="submit" data-testid="checkout-pay">Payer ${escapeHtml(amount)}</button>
        </form>
        <a class="cancel" href="${escapeHtml(session.cancel_url)}">Annuler et revenir</a>
        <p class="hint">Prestataire de paiement LOCAL (démonstration) : aucune carte réelle n'est débitée.
        Carte acceptée : ${LOCAL_TEST_CARDS.succeeds}. Carte refusée : ${LOCAL_TEST_CARDS.declined}.
        Provision insuffisante : ${LOCAL_TEST_CARDS.insufficientFunds}. Carte expirée : ${LOCAL_TEST_CARDS.expiredCard}.</p>
      </section>`,
      session.merchant_color,
    );
  });

  app.post<{ Params: { id: string }; Body: { card?: string } }>('/local-pay/checkout/:id/submit', async (request, reply) => {
    const result = await submitLocalCheckout(contextOf(request), request.params.id, String(request.body?.card ?? ''));
    if (!result.session) return reply.code(404).type('text/html; charset=utf-8').send(page('Session inconnue', '<section>Session inconnue.</section>', '#555'));
    const target = result.outcome === 'paid' ? result.session.success_url : result.session.cancel_url.replace('checkout=cancelled', 'checkout=declined');
    return reply.redirect(target, 303);
  });
}
