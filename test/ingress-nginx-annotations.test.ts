// Every annotation the library emits for ingress-nginx is one the controller reads: the list is the parsers under
// internal/ingress/annotations/ at kubernetes/ingress-nginx controller-v1.15.1 (test/helpers/ingress-nginx-annotations.ts).
import { App, Duration } from 'cdk8s';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  ForwardAuthIngress,
  HeadlampAuth,
  HeadlampChart,
  HeadlampDeployment,
  HeadlampIngress,
  IngressController,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  OidcConfig,
} from '../lib';
import { INGRESS_NGINX_ANNOTATIONS, INGRESS_NGINX_PREFIX } from './helpers/ingress-nginx-annotations';
import { exampleNames, synth, synthExample, testChart } from './helpers/synth';

const HTPASSWD = 'alice:$2y$05$abcdefghijklmnopqrstuuJSU9y6sVrFjpk6l1.XL7DlVw0U0qQp6';
const nginx = IngressController.INGRESS_NGINX;
const oidc = () =>
  HeadlampAuth.oidc(
    OidcConfig.dex({ issuerUrl: 'https://dex.example.com', clientId: 'headlamp', publicUrl: 'https://h.example.com' }),
  );

/** The `nginx.ingress.kubernetes.io/*` keys of every object's annotations, without the prefix. */
function nginxAnnotations(objects: any[]): string[] {
  return objects
    .flatMap((o) => Object.keys(o.metadata?.annotations ?? {}))
    .filter((k) => k.startsWith(INGRESS_NGINX_PREFIX))
    .map((k) => k.slice(INGRESS_NGINX_PREFIX.length));
}

/** Each construct that writes ingress-nginx annotations, in the configurations that change which ones. */
const builds: Record<string, () => any[]> = {
  'HeadlampIngress, TLS from a Secret, cert-manager and terminated elsewhere': () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp');
    new HeadlampIngress(chart, 'a', {
      headlamp,
      name: 'a',
      hosts: ['a.example.com'],
      tls: IngressTls.fromSecret('t'),
      controller: nginx,
    });
    new HeadlampIngress(chart, 'b', {
      headlamp,
      name: 'b',
      hosts: ['b.example.com'],
      tls: IngressTls.certManager('le'),
      controller: nginx,
    });
    new HeadlampIngress(chart, 'c', {
      headlamp,
      name: 'c',
      hosts: ['c.example.com'],
      tls: IngressTls.unsafeTerminatedElsewhere(),
      controller: nginx,
    });
    return synth(chart);
  },
  'HeadlampIngress to a Headlamp that serves TLS itself': () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', { podTlsSecret: 'pod-tls' });
    new HeadlampIngress(chart, 'i', {
      headlamp,
      hosts: ['h.example.com'],
      tls: IngressTls.fromSecret('t'),
      controller: nginx,
    });
    return synth(chart);
  },
  BasicAuthIngress: () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp');
    new BasicAuthIngress(chart, 'i', {
      headlamp,
      hosts: ['h.example.com'],
      tls: IngressTls.fromSecret('t'),
      controller: nginx,
      credentials: BasicAuthCredentials.fromHtpasswdLines([HTPASSWD]),
    });
    return synth(chart);
  },
  'ForwardAuthIngress, every option that writes an annotation': () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp');
    new ForwardAuthIngress(chart, 'i', {
      headlamp,
      hosts: ['h.example.com'],
      tls: IngressTls.fromSecret('t'),
      controller: nginx,
      authUrl: 'http://authelia.authelia.svc.cluster.local/api/authz/auth-request',
      signInUrl: 'https://auth.example.com/?rm=$request_method',
      responseHeaders: ['Remote-User', 'Remote-Groups'],
      authMethod: 'GET',
      requestHeaders: { 'X-Forwarded-Method': '$request_method' },
    });
    return synth(chart);
  },
  "Headlamp's own OIDC login with 2+ replicas (cookie affinity), at the root and under a base URL, by HeadlampIngress and ForwardAuthIngress":
    () =>
      ['', '/headlamp'].flatMap((baseUrl) => {
        const chart = testChart();
        const headlamp = new HeadlampDeployment(chart, 'headlamp', {
          replicas: 3,
          auth: oidc(),
          sessionTtl: Duration.hours(8),
          baseUrl: baseUrl || undefined,
        });
        new HeadlampIngress(chart, 'i', {
          headlamp,
          name: 'i',
          hosts: ['h.example.com'],
          tls: IngressTls.fromSecret('t'),
          controller: nginx,
        });
        new ForwardAuthIngress(chart, 'f', {
          headlamp,
          name: 'f',
          hosts: ['f.example.com'],
          tls: IngressTls.fromSecret('t'),
          controller: nginx,
          authUrl: 'https://auth.example.com/api/authz/auth-request',
        });
        return synth(chart);
      }),
  'OAuth2ProxyFrontend, both modes': () =>
    [OAuth2ProxyMode.REVERSE_PROXY, OAuth2ProxyMode.FORWARD_AUTH].flatMap((mode) => {
      const chart = testChart();
      const headlamp = new HeadlampDeployment(chart, 'headlamp', {
        auth: mode === OAuth2ProxyMode.FORWARD_AUTH ? HeadlampAuth.identityAwareProxy() : undefined,
      });
      new OAuth2ProxyFrontend(chart, 'proxy', {
        headlamp,
        mode,
        provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
        credentialsSecret: 'o',
        emailDomains: ['*'],
        hosts: ['h.example.com'],
        tls: IngressTls.fromSecret('t'),
        controller: nginx,
      });
      return synth(chart);
    }),
  HeadlampChart: () =>
    synth(
      new HeadlampChart(new App(), 'c', {
        namespace: 'headlamp',
        host: 'h.example.com',
        tls: IngressTls.fromSecret('t'),
        controller: nginx,
      }),
    ),
  'every example app': () => exampleNames().flatMap((name) => synthExample(name).objects),
};

describe.each(Object.entries(builds))('ingress-nginx annotations: %s', (_case, build) => {
  test('are all annotations ingress-nginx parses', () => {
    const keys = nginxAnnotations(build());
    expect(keys.filter((k) => !INGRESS_NGINX_ANNOTATIONS.has(k))).toEqual([]);
  });
});

test('the constructs do write ingress-nginx annotations (the check above is not vacuous)', () => {
  expect(new Set(nginxAnnotations(builds['OAuth2ProxyFrontend, both modes']()))).toEqual(
    new Set([
      'force-ssl-redirect',
      'auth-url',
      'auth-signin',
      'auth-response-headers',
      'proxy-buffer-size',
      'auth-always-set-cookie',
    ]),
  );
  expect(nginxAnnotations(builds['HeadlampIngress to a Headlamp that serves TLS itself']()).sort()).toEqual([
    'backend-protocol',
    'force-ssl-redirect',
  ]);
  expect(new Set(nginxAnnotations(builds['ForwardAuthIngress, every option that writes an annotation']()))).toEqual(
    new Set([
      'force-ssl-redirect',
      'auth-url',
      'auth-signin',
      'auth-response-headers',
      'auth-method',
      'auth-proxy-set-headers',
    ]),
  );
  const affinity = new Set(
    nginxAnnotations(builds[Object.keys(builds).find((k) => k.startsWith("Headlamp's own OIDC login"))!]()),
  );
  expect(
    [
      'affinity',
      'affinity-mode',
      'session-cookie-name',
      'session-cookie-secure',
      'session-cookie-samesite',
      'session-cookie-max-age',
    ].filter((k) => !affinity.has(k)),
  ).toEqual([]);
});
