// Which controller an IngressClass name says serves it: an Ingress rendered for one controller but handed to another
// loses what the library put in the first one's annotations (TLS redirect, auth gates, the /metrics block).
import { Construct } from 'constructs';
import { fail } from '../core/errors';

/** A controller as IngressController's values name it (`traefik`, `ingress-nginx`). */
type ControllerName = 'traefik' | 'ingress-nginx';

/** Words in a class name that name a controller (`nginx`, `nginx-internal`, `traefik-public`). */
const NAMED_IN_CLASS: ReadonlyArray<readonly [RegExp, ControllerName]> = [
  [/nginx/i, 'ingress-nginx'],
  [/traefik/i, 'traefik'],
];

/** @internal The controller an IngressClass name names (`nginx-internal` is ingress-nginx's), or undefined. */
export function controllerOfClass(className: string | undefined): ControllerName | undefined {
  return className === undefined ? undefined : NAMED_IN_CLASS.find(([re]) => re.test(className))?.[1];
}

/**
 * @internal Refuses an IngressClass that names another controller than the one the Ingress is rendered for: the
 * controller serving the class ignores the other's annotations and Middlewares, so the TLS redirect, an auth gate and
 * the `/metrics` block would be gone while the route still serves Headlamp.
 */
export function refuseClassOfOtherController(
  scope: Construct,
  constructType: string,
  controller: string,
  className?: string,
): void {
  const named = controllerOfClass(className);
  if (named === undefined || named === controller) return;
  const a = (c: string) => `${c.startsWith('i') ? 'an' : 'a'} ${c}`;
  const member = named === 'traefik' ? 'TRAEFIK' : 'INGRESS_NGINX';
  fail(
    scope,
    constructType,
    'props.ingressClassName',
    `names ${a(named)} class, got ${JSON.stringify(className)} ` +
      `with controller ${controller}: the library renders ${controller}'s annotations and Middlewares (TLS ` +
      `redirect, auth gates, the /metrics block), which ${named} ignores; set controller: ` +
      `IngressController.${member}, or name ` +
      `${a(controller)} class`,
  );
}
