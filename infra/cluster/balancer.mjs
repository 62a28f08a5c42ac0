#!/usr/bin/env node
// The cluster's load balancer (infra/cluster/cluster.mjs): round-robin over the API processes, on
// loopback. Plain Node, no dependency: a stand-in for the nginx or cloud balancer of a deployment.
//
//   node infra/cluster/balancer.mjs <port> <upstream port> [<upstream port>...]
//
// A request goes to the next API in turn. When that API refuses the connection (stopped, crashed,
// restarting), nothing of the request reached it, so it is sent to the next one: the client never
// sees a dead API. Once an API has the request, its failure is the client's (502): whether it
// acted is unknown, and only the client may decide to retry (our writes take an Idempotency-Key).
// Each answer says which API served it (x-relance-upstream), which the cluster test reads.
import { createServer, request as forward } from 'node:http';

const [port, ...upstreams] = process.argv.slice(2).map(Number);
if (!port || upstreams.length === 0 || upstreams.some((p) => !p)) {
  console.error('usage: node balancer.mjs <port> <upstream port> [<upstream port>...]');
  process.exit(2);
}

let turn = 0;

/** `first` is the request's turn, taken once: other requests move `turn` while this one is retried. */
function proxy(clientRequest, clientResponse, body, first, attempt) {
  const upstream = upstreams[(first + attempt) % upstreams.length];
  const headers = { ...clientRequest.headers, 'x-forwarded-for': clientRequest.socket.remoteAddress ?? '127.0.0.1' };
  // A fresh connection per request (agent: false): a kept-alive socket to an API that died would fail
  // a request that never reached it, where a refused connect is safely sent to the next API.
  const target = { host: '127.0.0.1', port: upstream, method: clientRequest.method, path: clientRequest.url, headers, agent: false };
  const outgoing = forward(target, (upstreamResponse) => {
    clientResponse.writeHead(upstreamResponse.statusCode ?? 502, { ...upstreamResponse.headers, 'x-relance-upstream': String(upstream) });
    upstreamResponse.pipe(clientResponse);
    upstreamResponse.on('error', () => clientResponse.destroy());
  });
  outgoing.on('error', (error) => {
    // Refused (nothing sent): the next API. Anything else: the request may have been acted on.
    if (error.code === 'ECONNREFUSED' && attempt + 1 < upstreams.length) return proxy(clientRequest, clientResponse, body, first, attempt + 1);
    if (clientResponse.headersSent) return clientResponse.destroy();
    clientResponse.writeHead(502, { 'content-type': 'application/json', 'x-relance-upstream': String(upstream) });
    clientResponse.end(JSON.stringify({ code: 'upstream_failed', message: `API on port ${upstream}: ${error.code ?? error.message}`, details: {} }));
  });
  outgoing.end(body);
}

const server = createServer((clientRequest, clientResponse) => {
  // The body is read whole before forwarding so it can be sent again to the next API on a refusal.
  const chunks = [];
  clientRequest.on('data', (chunk) => chunks.push(chunk));
  clientRequest.on('end', () => {
    turn = (turn + 1) % upstreams.length;
    proxy(clientRequest, clientResponse, Buffer.concat(chunks), turn, 0);
  });
});
server.keepAliveTimeout = 5_000;
server.listen(port, '127.0.0.1', () => console.log(`balancer on 127.0.0.1:${port} -> ${upstreams.join(', ')}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
