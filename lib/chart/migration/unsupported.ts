// Chart values the library does not offer, refused outright before anything is built, each with the way out.
import { nonEmpty, refuse, Values } from './context';

const isFalse = (x: unknown) => x === false;
/** Set to anything but `false`. */
const isSet = (x: unknown) => nonEmpty(x) && x !== false;
const FIXED_SERVICE =
  'fixed Service addresses and ports have no prop; set them with ApiObject.addJsonPatch on headlamp.service';

/** The values key, when it is refused, and why (with the way out); checked in this order. */
const UNSUPPORTED: ReadonlyArray<readonly [key: string, refused: (value: unknown) => boolean, reason: string]> = [
  [
    'config.inCluster',
    isFalse,
    'out-of-cluster mode needs the kubeconfigs Headlamp shows, which chart values cannot name; use the ' +
      'HeadlampDeployment props inCluster: false and kubeconfigs in TypeScript, or keep in-cluster mode',
  ],
  ['securityContext.privileged', (x) => x === true, 'a privileged Headlamp is not supported'],
  ['service.clusterIP', isSet, FIXED_SERVICE],
  ['service.loadBalancerIP', isSet, FIXED_SERVICE],
  ['service.loadBalancerSourceRanges', isSet, FIXED_SERVICE],
];

/** The value at a dotted path (`config.inCluster`), or undefined. */
const get = (v: Values, path: string): any =>
  path.split('.').reduce<any>((cur, k) => (cur === null || cur === undefined ? undefined : cur[k]), v);

/** Refuses the first value the library does not offer. */
export function refuseUnsupported(v: Values): void {
  for (const [key, refused, reason] of UNSUPPORTED) if (refused(get(v, key))) refuse(key, reason);
}
