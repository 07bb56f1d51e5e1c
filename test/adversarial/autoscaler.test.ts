// Headlamp's own OIDC login keeps a login's state and refresh token in the pod that began it (backend/pkg/auth, v0.45.0),
// so more than one pod needs the session affinity the library adds at 2+ replicas. A HorizontalPodAutoscaler that
// scales a 1-replica Headlamp beyond one pod (issue 27, class 8) is refused at synth, wherever it is in the app.
import { ApiObject, App, Chart } from 'cdk8s';
import { HeadlampAuth, HeadlampDeployment, migrateChartValues, OidcClientSecret, OidcConfig } from '../../lib';
import { errorOf } from '../helpers/doors';
import { synth, testChart } from '../helpers/synth';

const OIDC = HeadlampAuth.oidc(
  new OidcConfig({
    issuerUrl: 'https://idp.example.com',
    clientId: 'headlamp',
    clientSecret: OidcClientSecret.fromSecret('s'),
    publicUrl: 'https://h.example.com',
  }),
);
const hpa = (chart: Chart, maxReplicas: number, target = 'headlamp') =>
  new ApiObject(chart, 'hpa', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'headlamp' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 1, maxReplicas },
  });
const withHpa = (props: object, maxReplicas: number, target?: string) => () => {
  const chart = testChart();
  new HeadlampDeployment(chart, 'headlamp', props);
  hpa(chart, maxReplicas, target);
  return synth(chart);
};

test('OIDC with 1 replica and an autoscaler up to 3: refused, with the fix', () => {
  expect(errorOf(withHpa({ auth: OIDC }, 3)).message).toContain(
    "HeadlampDeployment 'test/headlamp': props.replicas: HorizontalPodAutoscaler " +
      "headlamp/headlamp ('test/hpa') with maxReplicas 3 scales it beyond the 1 replica it was built for, without the session affinity " +
      "Headlamp's own OIDC login needs on more than one pod (a login's state and refresh token stay in the pod that began it); set replicas to 2 " +
      'or more (every route then keeps a browser on one pod), or cap maxReplicas at 1',
  );
});

test('passes: 2 replicas (affinity on), maxReplicas 1, token login, an autoscaler of another Deployment', () => {
  expect(withHpa({ auth: OIDC, replicas: 2 }, 3)).not.toThrow();
  expect(withHpa({ auth: OIDC }, 1)).not.toThrow();
  expect(withHpa({}, 3)).not.toThrow();
  expect(withHpa({ auth: OIDC }, 3, 'other')).not.toThrow();
});

test('the chart migration: an autoscaler in extraManifests beside an OIDC login', () => {
  const manifest =
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: headlamp }\n' +
    'spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: headlamp }, minReplicas: 1, maxReplicas: 4 }\n';
  const result = migrateChartValues(
    new App(),
    {
      config: {
        oidc: {
          clientID: 'h',
          issuerURL: 'https://idp.example.com',
          callbackURL: 'https://h.example.com/oidc-callback',
          secret: { create: false },
        },
      },
      extraManifests: [manifest],
    },
    { unsafePlaintextSecrets: true },
  );
  expect(errorOf(() => synth(result.chart)).message).toContain(
    'with maxReplicas 4 scales it beyond the 1 replica it was built for',
  );
});
