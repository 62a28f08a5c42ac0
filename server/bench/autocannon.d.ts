// The part of autocannon's API server/bench/api.ts uses (the package ships no types).
declare module 'autocannon' {
  type Histogram = { average: number; p50: number; p99: number };
  type Options = {
    url: string;
    connections: number;
    duration: number;
    headers?: Record<string, string>;
    overallRate?: number;
    requests?: { setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }[];
  };
  type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; non2xx: number };
  export default function autocannon(options: Options): Promise<Result>;
}
