// HeadlampIngress: an Ingress to Headlamp for ingress-nginx or Traefik, TLS by default, with the controller peer for
// the NetworkPolicy.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../core/errors';
import { assertUniqueNames } from '../core/metadata';
import { lazy, sameShape } from '../core/schema';

import { HeadlampIngressProps, ingressShape } from './ingress-options';
import { renderIngress } from './render-ingress';

const propsSchema = lazy(() => z.strictObject(ingressShape()));
sameShape<z.output<ReturnType<typeof propsSchema>>, HeadlampIngressProps>(true);

const TYPE = 'HeadlampIngress';
/**
 * An Ingress in front of a {@link HeadlampDeployment}: TLS on every host (existing Secret or
 * cert-manager), on ingress-nginx an HTTPS redirect (HSTS is its controller ConfigMap's, on by default), on
 * Traefik an HSTS headers Middleware; `Prefix` path at the base URL.
 * Pairs with token and OIDC login; the auth constructs build theirs on the same rules.
 */
export class HeadlampIngress extends Construct {
  /** The Ingress. */
  public readonly ingress: k8s.KubeIngress;
  /** `https://<first host><base-url>`: where users open Headlamp. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: HeadlampIngressProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    this.ingress = renderIngress(this, TYPE, p);
    this.url = `${p.tls._enabled || p.tls._terminatedAt ? 'https' : 'http'}://${p.hosts[0]}${p.headlamp.baseUrl}`;
    assertUniqueNames(this, TYPE);
  }
}
