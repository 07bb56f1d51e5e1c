// HeadlampChart: a cdk8s Chart composing HeadlampDeployment, a route (Ingress or HTTPRoute) and login ServiceAccounts.
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail, parseProps } from '../core/errors';
import { HeadlampAuth, HeadlampAuthMode } from '../auth/headlamp-auth';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';
import { HeadlampDeploymentOptions } from '../deployment/headlamp-deployment-props';
import { GatewayRef, gatewayRefSchema, HeadlampHttpRoute } from '../routes/headlamp-http-route';
import { IngressController, IngressControllerPeer, ingressShape, IngressTls } from '../routes/ingress-options';
import { HeadlampIngress } from '../routes/headlamp-ingress';
import { LoginServiceAccount } from '../access/login-service-account';
import { LoginRole } from '../auth/login-role';
import { dnsLabel, hostnames, instance, lazy, sameShape } from '../core/schema';

/**
 * Props of {@link HeadlampChart}: cdk8s ChartProps with a required `namespace` (declared here, not inherited: jsii
 * refuses an interface that re-declares a member of its base, which C# cannot express).
 */
export interface HeadlampChartProps {
  /** Namespace of every object. */
  readonly namespace: string;
  /**
   * Labels applied to every object of the chart (cdk8s `ChartProps.labels`).
   * @default - none
   */
  readonly labels?: { [name: string]: string };
  /**
   * Whether object names go without cdk8s's hash suffix (cdk8s `ChartProps.disableResourceNameHashes`).
   * @default true
   */
  readonly disableResourceNameHashes?: boolean;
  /** Public host name. */
  readonly host: string;
  /**
   * TLS certificate of the Ingress. Required unless `gateway` routes through Gateway API instead.
   * @default - none with `gateway` (TLS terminates on its HTTPS listener)
   */
  readonly tls?: IngressTls;
  /**
   * Route through a Gateway API HTTPRoute on this Gateway's HTTPS listener instead of an Ingress.
   * @default - an Ingress
   */
  readonly gateway?: GatewayRef;
  /**
   * How users log in.
   * @default HeadlampAuth.serviceAccountToken()
   */
  readonly auth?: HeadlampAuth;
  /**
   * The ingress controller.
   * @default IngressController.TRAEFIK
   */
  readonly controller?: IngressController;
  /**
   * The pods that route to Headlamp, admitted by its NetworkPolicy: the ingress controller's (k3s runs Traefik in
   * `kube-system`: `IngressControllerPeer.traefik('kube-system')`), or with `gateway` the Gateway's data plane.
   * @default - the controller's preset, IngressControllerPeer.traefik() or .ingressNginx();
   * IngressControllerPeer.traefik() with gateway
   */
  readonly ingressControllerPeer?: IngressControllerPeer;
  /**
   * With token login: the role of the `headlamp-login` ServiceAccount people mint tokens for.
   * @default LoginRole.view()
   */
  readonly loginRole?: LoginRole;
  /**
   * Any other HeadlampDeployment prop (replicas, size, networkPolicy, ...).
   * @default - the HeadlampDeployment defaults
   */
  readonly headlamp?: HeadlampDeploymentOptions;
}

const shape = lazy(() =>
  z.object({
    namespace: dnsLabel,
    host: hostnames.element,
    tls: ingressShape().tls.optional(),
    gateway: gatewayRefSchema().optional(),
    auth: instance(HeadlampAuth, 'HeadlampAuth.serviceAccountToken() or another HeadlampAuth factory').optional(),
    controller: ingressShape().controller,
    ingressControllerPeer: ingressShape().ingressControllerPeer,
    loginRole: instance(LoginRole, 'LoginRole.view() or another LoginRole factory').optional(),
    headlamp: z
      .custom<HeadlampDeploymentOptions>((v) => typeof v === 'object' && v !== null && !('auth' in v), {
        error: 'expected HeadlampDeployment props without auth (set auth on the chart)',
      })
      .optional(),
  }),
);
sameShape<
  z.output<ReturnType<typeof shape>>,
  Pick<
    HeadlampChartProps,
    | 'namespace'
    | 'host'
    | 'tls'
    | 'gateway'
    | 'auth'
    | 'controller'
    | 'ingressControllerPeer'
    | 'loginRole'
    | 'headlamp'
  >
>(true);

/**
 * A whole hardened Headlamp in one Chart: HeadlampDeployment (NetworkPolicy, and HA with `replicas`),
 * an Ingress with TLS and HSTS, and with token login a read-only `headlamp-login` ServiceAccount.
 * Object names carry no hashes.
 */
export class HeadlampChart extends Chart {
  /** The Headlamp Deployment, Service, ServiceAccount and NetworkPolicy. */
  public readonly headlamp: HeadlampDeployment;
  /** The Ingress. */
  public readonly ingress?: HeadlampIngress;
  /** The HTTPRoute (with `gateway`). */
  public readonly httpRoute?: HeadlampHttpRoute;
  /** The login ServiceAccount (token login only). */
  public readonly login?: LoginServiceAccount;

  constructor(scope: Construct, id: string, props: HeadlampChartProps) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    const p = parseProps(this, 'HeadlampChart', shape(), props);
    if (p.auth?.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY) {
      fail(
        this,
        'HeadlampChart',
        'props.auth',
        'identity-aware-proxy mode needs every route through an OAuth2ProxyFrontend, got it on a chart ' +
          'that routes straight to Headlamp; compose HeadlampDeployment and OAuth2ProxyFrontend ' +
          '(examples/iap-traefik.ts)',
      );
    }
    this.headlamp = new HeadlampDeployment(this, 'headlamp', { ...p.headlamp, auth: p.auth });
    if (p.gateway) {
      if (p.tls || p.controller) {
        fail(
          this,
          'HeadlampChart',
          p.tls ? 'props.tls' : 'props.controller',
          'applies to the Ingress, got it with gateway (an HTTPRoute, TLS on its listener); drop it',
        );
      }
      this.httpRoute = new HeadlampHttpRoute(this, 'route', {
        headlamp: this.headlamp,
        hostnames: [p.host],
        gateway: p.gateway,
        gatewayPeer: p.ingressControllerPeer,
      });
    } else {
      if (!p.tls) {
        fail(
          this,
          'HeadlampChart',
          'props.tls',
          'expected a TLS source for the Ingress, got undefined; IngressTls.fromSecret(...) or ' +
            '.certManager(...), or gateway: { name, sectionName } for an HTTPRoute',
        );
      }
      this.ingress = new HeadlampIngress(this, 'ingress', {
        headlamp: this.headlamp,
        hosts: [p.host],
        tls: p.tls,
        controller: p.controller,
        ingressControllerPeer: p.ingressControllerPeer,
      });
    }
    const tokenLogin = this.headlamp.auth.mode === HeadlampAuthMode.SERVICE_ACCOUNT_TOKEN;
    if (p.loginRole && !tokenLogin) {
      fail(
        this,
        'HeadlampChart',
        'props.loginRole',
        `applies to token login only, got auth mode ${this.headlamp.auth.mode}; drop loginRole`,
      );
    }
    if (tokenLogin) {
      this.login = new LoginServiceAccount(this, 'login', { role: p.loginRole ?? LoginRole.view() });
    }
  }
}
