// extraManifests that would route around the library's auth, TLS and secret rules: refused by name (a *List, a Service selecting Headlamp's pods, every route kind).
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { ChartMigrationRefusal, migrateChartValues } from '../lib';

/** The migration's refusal message, or its notes; extraManifests given as objects are written as the YAML text the chart takes. */
function migrate(values: { extraManifests: object[]; [key: string]: unknown }): {
  error?: string;
  notes?: Record<string, string>;
} {
  try {
    const { notes } = migrateChartValues(
      new App(),
      { ...values, extraManifests: values.extraManifests.map((x) => stringify(x)) },
      {},
    );
    return { notes: Object.fromEntries(notes.map((n) => [n.key, n.message])) };
  } catch (err) {
    if (err instanceof ChartMigrationRefusal) return { error: err.message };
    throw err;
  }
}

const meta = (name: string) => ({ name });
const toHeadlamp = {
  rules: [
    {
      http: {
        paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'headlamp', port: { number: 80 } } } }],
      },
    },
  ],
};
const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('side'), spec: toHeadlamp };
const secret = { apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), stringData: { k: 'v' } };
const ROUTE_MESSAGE = (kind: string) =>
  `extraManifests[0]: ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind} to Headlamp's Service headlamp around the ` +
  "library's routes (their TLS and auth gate, and the NetworkPolicy that admits only the routes it knows, so this one would get no answer); " +
  'write it as ingress.* or httpRoute.*';

describe('a List hides its items from the checks', () => {
  test.each(['List', 'SecretList', 'IngressList'])('kind %s refused, even of harmless items', (kind) => {
    const list = { apiVersion: 'v1', kind, metadata: meta('l'), items: [ingress, secret] };
    expect(migrate({ extraManifests: [list] }).error).toBe(
      `extraManifests[0]: a ${kind}, whose items the migration would carry unchecked (an ` +
        'Ingress to Headlamp or a Secret with its values among them); write each item as an entry of its own in extraManifests',
    );
    expect(migrate({ extraManifests: [{ ...list, items: [] }] }).error).toMatch(
      /^extraManifests\[0\]: a .*List, whose items/,
    );
  });
  test('each item as an entry of its own is checked as such', () => {
    expect(migrate({ extraManifests: [ingress] }).error).toBe(ROUTE_MESSAGE('Ingress'));
  });
});

describe("a second Service for Headlamp's pods", () => {
  const service = (selector: object, namespace?: string) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'side-door', ...(namespace ? { namespace } : {}) },
    spec: { selector, ports: [{ port: 80, targetPort: 4466 }] },
  });
  test.each([
    [{ 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'headlamp' }],
    [{ 'app.kubernetes.io/name': 'headlamp' }],
    [{ 'app.kubernetes.io/managed-by': 'cdk8s-headlamp' }],
  ])('selector %j refused, naming the Service and why', (selector) => {
    expect(migrate({ extraManifests: [service(selector)] }).error).toBe(
      "extraManifests[0]: Service side-door selects Headlamp's pods (its spec.selector " +
        `${JSON.stringify(selector)} matches their labels): a way in beside Headlamp's Service headlamp that skips the library's routes (their TLS and ` +
        'auth gate), which the NetworkPolicy admits all the same; remove it, and reach Headlamp through ingress.* or httpRoute.*',
    );
  });
  test('a podLabels label counts too', () => {
    expect(migrate({ podLabels: { team: 'ops' }, extraManifests: [service({ team: 'ops' })] }).error).toMatch(
      /^extraManifests\[0\]: Service side-door selects/,
    );
  });
  test.each([
    ['another app', { 'app.kubernetes.io/name': 'other' }, undefined],
    ["a label Headlamp's pods lack", { 'app.kubernetes.io/name': 'headlamp', tier: 'x' }, undefined],
    ['no selector', {}, undefined],
    ['another namespace', { 'app.kubernetes.io/name': 'headlamp' }, 'elsewhere'],
  ])('carried: %s', (_what, selector, namespace) => {
    expect(migrate({ extraManifests: [service(selector, namespace)] }).notes!['extraManifests[0]']).toBe(
      'Service side-door carried as written, not reviewed by the library',
    );
  });
});

describe("every route kind to Headlamp's Service is refused", () => {
  test.each([
    'Ingress',
    'IngressRoute',
    'IngressRouteTCP',
    'IngressRouteUDP',
    'HTTPRoute',
    'GRPCRoute',
    'TLSRoute',
    'TCPRoute',
    'UDPRoute',
  ])('%s', (kind) => {
    const spec = kind.startsWith('IngressRoute')
      ? { routes: [{ services: [{ name: 'headlamp', port: 80 }] }] }
      : kind === 'Ingress'
        ? toHeadlamp
        : { rules: [{ backendRefs: [{ name: 'headlamp', port: 80 }] }] };
    expect(migrate({ extraManifests: [{ apiVersion: 'x/v1', kind, metadata: meta('r'), spec }] }).error).toBe(
      ROUTE_MESSAGE(kind),
    );
  });
  test('a route to another Service is carried', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'TCPRoute',
      metadata: meta('r'),
      spec: { rules: [{ backendRefs: [{ name: 'db' }] }] },
    };
    expect(migrate({ extraManifests: [route] }).notes!['extraManifests[0]']).toBe(
      'TCPRoute r carried as written, not reviewed by the library',
    );
  });
});
