import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseConfig } from '../src/config.ts';

/**
 * Issue 21 §3: the image, compose file and Kubernetes manifests cannot be built or run here, so this
 * reads them: every variable they give the relance processes is one server/src/config.ts reads (or
 * the Chromium path, read by plugins/chromium.ts), each command gets what a deployment needs, the
 * configuration they make parses, and the probes, autoscaler and budgets point at what exists.
 */
const root = resolve(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

/** The variables config.ts parses: the keys of its `environment` object. */
function configVariables(): Set<string> {
  const source = read('server/src/config.ts');
  const body = source.slice(source.indexOf('const environment = z.object({'), source.indexOf('\n});', source.indexOf('const environment = z.object({')));
  return new Set([...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1] as string));
}
const known = configVariables();
/** Read elsewhere than config.ts, and where. */
const readElsewhere: Record<string, string> = { PUPPETEER_EXECUTABLE_PATH: 'server/src/plugins/chromium.ts' };

function expectKnown(names: Iterable<string>) {
  for (const name of names) {
    const where = readElsewhere[name];
    if (where) expect(read(where), `${name} in ${where}`).toContain(name);
    else expect(known, `${name} is not a config.ts variable`).toContain(name);
  }
}

/** What each command needs in a deployment of several processes on an external PostgreSQL. */
const required: Record<string, string[]> = {
  api: ['APP_DATABASE_URL', 'JWT_SECRET', 'SECRETS_KEY', 'PUBLIC_URL', 'SMTP_URL'],
  worker: ['APP_DATABASE_URL', 'JWT_SECRET', 'SECRETS_KEY', 'PUBLIC_URL', 'SMTP_URL'],
  migrate: ['DATABASE_URL', 'APP_DATABASE_URL', 'SECRETS_KEY'],
};
/** Stand-ins for the values a deployment supplies (secrets, ${...} in compose), valid for config.ts. */
const samples: Record<string, string> = {
  DATABASE_URL: 'postgres://relance:x@db:5432/relance',
  APP_DATABASE_URL: 'postgres://relance_app:x@db:5432/relance',
  JWT_SECRET: 'j'.repeat(48),
  SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
  SMTP_URL: 'smtp://mail:1025',
  METRICS_TOKEN: 'm'.repeat(24),
};

function expectDeployable(command: string, env: Record<string, string>) {
  expect(Object.keys(required), `unknown command ${command}`).toContain(command);
  for (const name of required[command] ?? []) expect(Object.keys(env), `${command} needs ${name}`).toContain(name);
  if (command !== 'migrate') expect(Object.keys(env), `${command} must not hold the schema owner's URL`).not.toContain('DATABASE_URL');
  const values = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, samples[name] ?? value]));
  expect(() => parseConfig(values)).not.toThrow();
}

describe('the container image (infra/Dockerfile)', () => {
  const dockerfile = read('infra/Dockerfile').replace(/\\\n/g, ' ');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('runs as a non-root user with Chromium and fonts, the commands of main.ts', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/apt-get install[^\n]*\bchromium\b[^\n]*\bfonts-/);
    expect(runtime).toContain('"src/main.ts"');
    expect(read('server/src/main.ts')).toContain("const commands = ['start', 'api', 'worker', 'migrate', 'seed'];");
  });

  it('sets only variables the code reads', () => {
    const names = [...runtime.matchAll(/^ENV (.*)$/gm)].flatMap((match) => [...(match[1] ?? '').matchAll(/([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1] as string));
    expect(names).toEqual(expect.arrayContaining(['PUPPETEER_EXECUTABLE_PATH', 'DATA_DIR']));
    expectKnown(names);
  });
});

type ComposeService = { image?: string; command?: string[]; environment?: Record<string, string>; deploy?: { replicas?: number } };

describe('the compose file (infra/compose.yaml)', () => {
  const compose = parse(read('infra/compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
  const relance = Object.entries(compose.services).filter(([, service]) => service.image === 'relance:latest');

  it('has the primary, its replica, PgBouncer, the migration, 2 APIs, 2 workers and a mail catcher', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres-primary', 'postgres-replica', 'pgbouncer', 'migrate', 'api', 'worker', 'mailpit']));
    expect(compose.services.api?.deploy?.replicas).toBe(2);
    expect(compose.services.worker?.deploy?.replicas).toBe(2);
    expect(relance.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
  });

  it('gives each relance command the variables it needs, all of them config.ts variables', () => {
    for (const [, service] of relance) {
      const env = service.environment ?? {};
      expectKnown(Object.keys(env));
      expectDeployable(service.command?.[0] ?? '', env);
    }
  });
});

type Container = {
  args?: string[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
};
type Manifest = { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: Record<string, unknown>; data?: Record<string, string>; stringData?: Record<string, string> };

describe('the Kubernetes manifests (infra/k8s)', () => {
  const files = ['secret.yaml', 'api.yaml', 'worker.yaml', 'migrate-job.yaml', 'network-policies.yaml'];
  const manifests = files.flatMap((file) => parseAllDocuments(read(`infra/k8s/${file}`)).map((document) => document.toJS() as Manifest));
  const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const sources = (kind: 'ConfigMap' | 'Secret', name: string) => {
    const found = named(kind, name);
    expect(found, `${kind} ${name}`).toBeDefined();
    return (kind === 'ConfigMap' ? found?.data : found?.stringData) ?? {};
  };
  const podSpec = (m: Manifest) => (m.spec as { template: { spec: { containers: Container[] } } }).template.spec;
  const envOf = (container: Container): Record<string, string> => ({
    ...Object.assign({}, ...(container.envFrom ?? []).map((from) => (from.configMapRef ? sources('ConfigMap', from.configMapRef.name) : sources('Secret', from.secretRef?.name ?? '')))),
    ...Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? ''])),
  });

  it('has the API and worker Deployments, the migration Job, Secrets, an autoscaler, budgets and network policies', () => {
    expect(named('Deployment', 'relance-api')).toBeDefined();
    expect(named('Deployment', 'relance-worker')).toBeDefined();
    expect(named('Job', 'relance-migrate')).toBeDefined();
    expect(manifests.filter((m) => m.kind === 'Secret').length).toBeGreaterThanOrEqual(1);
    expect(manifests.filter((m) => m.kind === 'NetworkPolicy').length).toBeGreaterThanOrEqual(2);
    const hpa = named('HorizontalPodAutoscaler', 'relance-api');
    expect((hpa?.spec as { scaleTargetRef?: unknown } | undefined)?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'relance-api' });
    for (const deployment of ['relance-api', 'relance-worker']) {
      const labels = (named('Deployment', deployment)?.spec as { selector?: { matchLabels?: unknown } } | undefined)?.selector?.matchLabels;
      expect(labels, `${deployment}'s selector`).toBeDefined();
      const budget = manifests.find((m) => m.kind === 'PodDisruptionBudget' && JSON.stringify((m.spec as { selector: { matchLabels: unknown } }).selector.matchLabels) === JSON.stringify(labels));
      expect(budget, `a PodDisruptionBudget for ${deployment}`).toBeDefined();
    }
  });

  it('probes the API on its readiness and liveness endpoints', () => {
    const [api] = podSpec(named('Deployment', 'relance-api') as Manifest).containers;
    expect(api?.readinessProbe?.httpGet?.path).toBe('/api/v1/health/ready');
    expect(api?.livenessProbe?.httpGet?.path).toBe('/api/v1/health/live');
    const routes = read('server/src/features/health/routes.ts');
    expect(routes).toContain("'/api/v1/health/ready'");
    expect(routes).toContain("'/api/v1/health/live'");
  });

  it('gives each container the variables its command needs, all of them config.ts variables', () => {
    for (const m of manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job')) {
      for (const container of podSpec(m).containers) {
        const env = envOf(container);
        expectKnown(Object.keys(env));
        expectDeployable(container.args?.[0] ?? '', env);
      }
    }
    for (const m of manifests.filter((m) => m.kind === 'Secret' || m.kind === 'ConfigMap')) expectKnown(Object.keys(m.stringData ?? m.data ?? {}));
  });
});
