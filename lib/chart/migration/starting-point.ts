// The TypeScript starting point (`--typescript`): each value the migration builds as the expression that creates it,
// and the main.ts around them.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ImagePullPolicy } from '../../deployment/image';
import { PlainConverters, plainContainer, plainVolume, servicePort } from '../../deployment/plain-values';
import { ServiceType } from '../../deployment/service';
import { HeadlampLogLevel } from '../../deployment/ui-settings';
import { DeploymentProps, MigrationNote } from './context';

/**
 * TypeScript source of the values the migration builds, for the `main.ts` starting point: every library object
 * it creates is registered with the expression that creates it.
 */
const SOURCE = new WeakMap<object, string>();
export function coded<T extends object>(value: T, source: string): T {
  SOURCE.set(value, source);
  return value;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
export const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

/** A value as a TypeScript expression (plain data as literals, library objects as the calls that made them). */
export function toTs(value: unknown, indent = ''): string {
  if (value !== null && typeof value === 'object' && SOURCE.has(value))
    return SOURCE.get(value)!.replace(/\n/g, `\n${indent}`);
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((x) => toTs(x, inner));
    const oneLine = `[${items.join(', ')}]`;
    return oneLine.length + indent.length <= 110 && !oneLine.includes('\n')
      ? oneLine
      : `[\n${items.map((x) => `${inner}${x},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${IDENTIFIER.test(k) ? k : quote(k)}: ${toTs(v, inner)}`);
  if (entries.length === 0) return '{}';
  const oneLine = `{ ${entries.join(', ')} }`;
  return oneLine.length + indent.length <= 110 && !oneLine.includes('\n')
    ? oneLine
    : `{\n${entries.map((e) => `${inner}${e},`).join('\n')}\n${indent}}`;
}

/** A string enum member: the value for the construct, its name for the source (enum values are not objects). */
export function enumMember<E extends Record<string, string>>(
  values: E,
  enumName: string,
  value: string | undefined,
): { value: E[keyof E] | undefined; ts: object | undefined } {
  const key = Object.keys(values).find((k) => values[k] === value);
  return key
    ? { value: values[key] as E[keyof E], ts: coded({}, `${enumName}.${key}`) }
    : { value: undefined, ts: undefined };
}

/**
 * Chart values turned into the generated classes' types, each recording its source: plain strings and numbers
 * would not type-check in the starting point.
 */
const CODED: PlainConverters = {
  quantity: (q) =>
    typeof q === 'number'
      ? coded(k8s.Quantity.fromNumber(q), `k8s.Quantity.fromNumber(${q})`)
      : coded(k8s.Quantity.fromString(String(q)), `k8s.Quantity.fromString(${quote(String(q))})`),
  intOrString: (x) =>
    typeof x === 'number'
      ? coded(k8s.IntOrString.fromNumber(x), `k8s.IntOrString.fromNumber(${x})`)
      : coded(k8s.IntOrString.fromString(String(x)), `k8s.IntOrString.fromString(${quote(String(x))})`),
};
/**
 * A Volume, Container or ServicePort of the values as HeadlampDeployment types it, recording the source of what it
 * converts.
 */
export const codedVolume = (x: k8s.Volume) => plainVolume(x, CODED);
export const codedContainer = (x: k8s.Container) => plainContainer(x, CODED);
export const codedServicePort = (x: k8s.ServicePort) => servicePort(x, CODED);

/** The HeadlampDeployment statement of the starting point. */
export function deploymentSource(props: DeploymentProps): string {
  // Empty sections are left out of the starting point; they change nothing.
  const shown: Record<string, unknown> = Object.fromEntries(
    Object.entries(props).filter(([, x]) => !(x && typeof x === 'object' && !SOURCE.has(x) && toTs(x) === '{}')),
  );
  if (props.service?.type)
    shown.service = { ...props.service, type: enumMember(ServiceType, 'ServiceType', props.service.type).ts };
  if (props.image?.pullPolicy)
    shown.image = {
      ...props.image,
      pullPolicy: enumMember(ImagePullPolicy, 'ImagePullPolicy', props.image.pullPolicy).ts,
    };
  if (props.logLevel) shown.logLevel = enumMember(HeadlampLogLevel, 'HeadlampLogLevel', props.logLevel).ts;
  return `const headlamp = new HeadlampDeployment(chart, 'headlamp', ${toTs(shown)});`;
}

/**
 * The starting-point app: imports, the Chart, the constructs (Headlamp and its routes, then `others`), and the notes as
 * comments.
 */
export function mainTs(
  release: string,
  namespace: string,
  source: string[],
  notes: MigrationNote[],
  others: string[] = [],
): string {
  // Without a route the Headlamp is not referenced again (a strict tsconfig refuses an unused variable); other objects
  // never reference it.
  const body = [...(source.length === 1 ? [source[0].replace(/^const headlamp = /, '')] : source), ...others].join(
    '\n\n',
  );
  const lib = [
    'BasicAuthCredentials',
    'BasicAuthIngress',
    'ForwardAuthIngress',
    'HeadlampAuth',
    'HeadlampDeployment',
    'HeadlampHttpRoute',
    'HeadlampIngress',
    'HeadlampLogLevel',
    'HeadlampPlugins',
    'HeadlampTracing',
    'ImagePullPolicy',
    'IngressController',
    'IngressControllerPeer',
    'IngressTls',
    'LoginRole',
    'OidcClientSecret',
    'OidcConfig',
    'SecretKeyRef',
    'ServiceType',
    'TlsTerminatedAt',
  ].filter((n) => new RegExp(`\\b${n}\\b`).test(body));
  const cdk8s = ['ApiObject', 'App', 'Chart', 'Duration', 'JsonPatch'].filter(
    (n) => n === 'App' || n === 'Chart' || new RegExp(`\\b${n}\\b`).test(body),
  );
  return [
    "// Generated by cdk8s-headlamp --chart-values: the official chart's values as a cdk8s app with the typed " +
      'API, a starting point',
    '// to copy and edit. Synthesizes the same objects as the migration (except a Secret it wrote from a ' +
      'plaintext value).',
    ...notes.map((n) => `//   note: ${n.key}: ${n.message}`),
    `import { ${cdk8s.join(', ')} } from 'cdk8s';`,
    ...(/\bk8s\./.test(body) ? ["import { k8s } from 'cdk8s-plus-28';"] : []),
    `import { ${lib.join(', ')} } from 'cdk8s-headlamp';`,
    '',
    'const app = new App();',
    `const chart = new Chart(app, ${quote(release)}, { namespace: ${quote(namespace)}, ` +
      `disableResourceNameHashes: true });`,
    '',
    body,
    '',
    'app.synth();',
    '',
  ].join('\n');
}
