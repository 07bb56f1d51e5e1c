import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail, parseProps } from './errors';
import { HeadlampAuth, HeadlampAuthMode } from './headlamp-auth';
import { HeadlampDeployment, HeadlampDeploymentProps } from './headlamp-deployment';
import { HeadlampIngress, IngressController, IngressTls, ingressShape } from './headlamp-ingress';
import { LoginRole, LoginServiceAccount } from './login-service-account';
import { dnsLabel, hostnames, instance, lazy, sameShape } from './schema';

/** Props of {@link HeadlampChart}. */
export interface HeadlampChartProps extends ChartProps {
  /** Namespace of every object. */
  readonly namespace: string;
  /** Public host name. */
  readonly host: string;
  /** TLS certificate of the Ingress. */
  readonly tls: IngressTls;
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
   * With token login: the role of the `headlamp-login` ServiceAccount people mint tokens for.
   * @default LoginRole.view()
   */
  readonly loginRole?: LoginRole;
  /**
   * Any other HeadlampDeployment prop (replicas, size, networkPolicy, ...).
   * @default - the HeadlampDeployment defaults
   */
  readonly headlamp?: Omit<HeadlampDeploymentProps, 'auth'>;
}

const shape = lazy(() => z.object({
  namespace: dnsLabel,
  host: hostnames.element,
  tls: ingressShape().tls,
  auth: instance(HeadlampAuth, 'HeadlampAuth.serviceAccountToken() or another HeadlampAuth factory').optional(),
  controller: ingressShape().controller,
  loginRole: instance(LoginRole, 'LoginRole.view() or another LoginRole factory').optional(),
  headlamp: z.custom<Omit<HeadlampDeploymentProps, 'auth'>>((v) => typeof v === 'object' && v !== null && !('auth' in v),
    { error: 'expected HeadlampDeployment props without auth (set auth on the chart)' }).optional(),
}));
sameShape<z.output<ReturnType<typeof shape>>, Pick<HeadlampChartProps, 'namespace' | 'host' | 'tls' | 'auth' | 'controller' | 'loginRole' | 'headlamp'>>(true);

/**
 * A whole hardened Headlamp in one Chart: HeadlampDeployment (NetworkPolicy, and HA with `replicas`),
 * an Ingress with TLS and HSTS, and with token login a read-only `headlamp-login` ServiceAccount.
 * Object names carry no hashes.
 */
export class HeadlampChart extends Chart {
  /** The Headlamp Deployment, Service, ServiceAccount and NetworkPolicy. */
  public readonly headlamp: HeadlampDeployment;
  /** The Ingress. */
  public readonly ingress: HeadlampIngress;
  /** The login ServiceAccount (token login only). */
  public readonly login?: LoginServiceAccount;

  constructor(scope: Construct, id: string, props: HeadlampChartProps) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    const p = parseProps(this, 'HeadlampChart', shape(), props);
    this.headlamp = new HeadlampDeployment(this, 'headlamp', { ...p.headlamp, auth: p.auth });
    this.ingress = new HeadlampIngress(this, 'ingress', { headlamp: this.headlamp, hosts: [p.host], tls: p.tls, controller: p.controller });
    const tokenLogin = this.headlamp.auth.mode === HeadlampAuthMode.SERVICE_ACCOUNT_TOKEN;
    if (p.loginRole && !tokenLogin) {
      fail(this, 'HeadlampChart', 'props.loginRole', `applies to token login only, got auth mode ${this.headlamp.auth.mode}; drop loginRole`);
    }
    if (tokenLogin) {
      this.login = new LoginServiceAccount(this, 'login', { role: p.loginRole ?? LoginRole.view() });
    }
  }
}
