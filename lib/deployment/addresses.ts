// What a host written in a setting (a proxy URL, a tracing collector) is: a valid address or not, and whether it is
// one Headlamp must never be sent to (itself, the node's metadata service, the API server).
import { isIPv4, isIPv6 } from 'node:net';

/** The IPv6 address `ip` (without brackets, valid) as eight 16-bit numbers; an embedded IPv4 tail becomes two. */
function ipv6Groups(ip: string): number[] {
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  const hex = (a: string, b: string) => ((Number(a) << 8) | Number(b)).toString(16);
  const text = v4 ? `${ip.slice(0, v4.index)}${hex(v4[1], v4[2])}:${hex(v4[3], v4[4])}` : ip;
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const left = part(head);
  const right = part(tail);
  return tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/** An IPv4 address as four numbers, or undefined. */
function ipv4Octets(host: string): number[] | undefined {
  return isIPv4(host) ? host.split('.').map(Number) : undefined;
}

/**
 * Why `host` (a DNS name, an IPv4 address, or an IPv6 address in brackets) is not an address Go would dial as
 * written, or undefined. A name whose last label is all digits is read as an IPv4 literal, so it must be one:
 * `10.96.0.300`, `127.1` or `2130706433` are refused (Go's net.ParseIP accepts four decimal octets only).
 */
export function addressProblem(host: string): string | undefined {
  if (host.startsWith('[')) {
    return isIPv6(host.slice(1, -1)) ? undefined : 'an IPv6 address that does not parse';
  }
  if (/(^|\.)(\d+|0x[0-9a-f]*)$/i.test(host) && !isIPv4(host)) {
    return 'an IPv4 address that does not parse (four decimal numbers from 0 to 255, no leading zeros)';
  }
  return undefined;
}

/** Names that reach the pod itself, the node's metadata service or the cluster's API server from any pod. */
const RESERVED_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(localhost|ip6-localhost|ip6-loopback)$|\.localhost$/, 'the pod itself (loopback)'],
  [/^(metadata|metadata\.google\.internal|instance-data(\.ec2\.internal)?)$/, "the node's cloud metadata service"],
  [/^kubernetes(\.default(\.svc(\.cluster\.local)?)?)?$/, "the cluster's API server"],
];

/**
 * What `host` reaches that a pod must never be sent to on a user's behalf, or undefined: the pod itself (loopback,
 * the unspecified address), link-local addresses (the cloud metadata service at 169.254.169.254 or fd00:ec2::254,
 * which hands out the node's credentials), or the cluster's API server by its in-cluster name. `host` is valid
 * ({@link addressProblem}).
 */
export function reservedAddress(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  const named = RESERVED_NAMES.find(([re]) => re.test(name));
  if (named) return named[1];
  const v6 = name.startsWith('[') ? ipv6Groups(name.slice(1, -1)) : undefined;
  const mapped =
    v6 && v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff
      ? [v6[6] >> 8, v6[6] & 255, v6[7] >> 8, v6[7] & 255]
      : undefined;
  const v4 = ipv4Octets(name) ?? mapped;
  if (v4) {
    if (v4[0] === 127 || v4[0] === 0) return 'the pod itself (loopback or the unspecified address)';
    if (v4[0] === 169 && v4[1] === 254) {
      return "a link-local address (the node's cloud metadata service, 169.254.169.254)";
    }
    return undefined;
  }
  if (!v6) return undefined;
  if (v6.slice(0, 7).every((g) => g === 0) && v6[7] <= 1) return 'the pod itself (loopback or the unspecified address)';
  if ((v6[0] & 0xffc0) === 0xfe80) return 'a link-local address';
  const ec2Metadata = [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254];
  if (v6.every((g, i) => g === ec2Metadata[i])) return "the node's cloud metadata service (fd00:ec2::254)";
  return undefined;
}

/**
 * Whether `host` is an address inside the cluster or a private network: a Service name (`<svc>.<ns>.svc[...]`,
 * a bare name), a private or loopback IPv4 address, or a unique-local or loopback IPv6 address.
 */
export function isPrivateAddress(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (/^[a-z0-9-]+$/.test(name) || /\.svc(\.cluster\.local)?$/.test(name) || name === 'localhost') return true;
  const v4 = ipv4Octets(name);
  if (v4) {
    const [a, b] = v4;
    return a === 10 || a === 127 || (a === 172 && (b & 0xf0) === 16) || (a === 192 && b === 168);
  }
  if (!name.startsWith('[')) return false;
  const v6 = ipv6Groups(name.slice(1, -1));
  return (v6[0] & 0xfe00) === 0xfc00 || (v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1);
}
