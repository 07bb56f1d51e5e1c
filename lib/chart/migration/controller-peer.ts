// The pods Headlamp's NetworkPolicy admits in front of a migrated route: the detected controller's preset, or
// --ingress-controller-*.
import { IngressController, IngressControllerPeer } from '../../routes/ingress-options';
import { Migration, refuse } from './context';
import { coded, quote, toTs } from './starting-point';

const KNOWN_CLASSES = ['nginx', 'traefik'];

/** `key=value,key=value` from the command line as labels; refused when a pair has no `=`. */
function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      refuse(
        '--ingress-controller-labels',
        `expected key=value pairs joined by ',' such as 'app.kubernetes.io/name=traefik', got ${JSON.stringify(pair)}`,
      );
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}

/**
 * The peer for `controller` (the Gateway's data plane with an httpRoute) when the options name one (undefined: the
 * route's default, the same preset), with a note naming the NetworkPolicy and what it admits; where the ingress class
 * is neither ingress-nginx's nor Traefik's and no option names the pods, the note says that controller's traffic is
 * dropped until they are.
 */
export function controllerPeer(
  m: Migration,
  key: string,
  controller: IngressController,
  ingressClass?: string,
): IngressControllerPeer | undefined {
  const preset = IngressControllerPeer.of(controller);
  const { ingressControllerNamespace: ns, ingressControllerLabels: text } = m.options;
  const given = ns !== undefined || text !== undefined;
  const peer = given
    ? IngressControllerPeer.custom(ns ?? preset.namespace, text !== undefined ? parseLabels(text) : preset.podLabels)
    : preset;
  const labels = Object.entries(peer.podLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const unknown = ingressClass !== undefined && !KNOWN_CLASSES.includes(ingressClass) && !given;
  m.note(
    key,
    `Headlamp's NetworkPolicy (${m.name}) admits on its port only pods labelled ${labels} ` +
      `in namespace ${peer.namespace}` +
      (unknown
        ? `; the ingress class ${JSON.stringify(ingressClass)} is neither ingress-nginx's nor Traefik's, so its ` +
          `controller's traffic is dropped ` +
          'until you name its pods: --ingress-controller-namespace NS --ingress-controller-labels key=value'
        : given
          ? ' (--ingress-controller-namespace/--ingress-controller-labels)'
          : " (the controller's usual Helm labels); if yours runs elsewhere (k3s runs Traefik and RKE2 " +
            'ingress-nginx in kube-system), pass --ingress-controller-namespace and --ingress-controller-labels'),
  );
  return given
    ? coded(peer, `IngressControllerPeer.custom(${quote(peer.namespace)}, ${toTs(peer.podLabels)})`)
    : undefined;
}
