// Kubernetes objects passed through from props or values: their schema, and the converters that type plain quantities
// and ports inside them.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { z } from 'zod';
import { k8sObjectIssues } from '../core/k8s-api';

/**
 * @internal A Kubernetes object passed through as is, checked against the 1.28 API's facts for its definition
 * (core/k8s-api.ts: required fields, enum values), so a misspelled `effect: NoSchedul` fails at synth like every other
 * value.
 */
export const k8sObject = <T>(definition: string) =>
  z
    .custom<T>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
      error: `expected ${/^[AEIOU]/.test(definition) ? 'an' : 'a'} ${definition}`,
      abort: true,
    })
    .superRefine((v, ctx) => {
      for (const issue of k8sObjectIssues(definition, v))
        ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
    }) as unknown as z.ZodType<T>;

/** A Quantity from a plain value (`'100Mi'`, `2`), or the Quantity given. */
function toQuantity(q: unknown): k8s.Quantity {
  if (typeof q === 'string') return k8s.Quantity.fromString(q);
  if (typeof q === 'number') return k8s.Quantity.fromNumber(q);
  return q as k8s.Quantity;
}

/** @internal An IntOrString from a plain number or port name, or the IntOrString given. */
export function intOrString(x: unknown): k8s.IntOrString {
  if (typeof x === 'number') return k8s.IntOrString.fromNumber(x);
  if (typeof x === 'string') return k8s.IntOrString.fromString(x);
  return x as k8s.IntOrString;
}

/**
 * @internal How plain values (as a values file writes them) become the types the generated classes serialize;
 * the chart migration passes converters that also record each value's TypeScript source.
 */
export interface PlainConverters {
  quantity(q: unknown): k8s.Quantity;
  intOrString(x: unknown): k8s.IntOrString;
}

const PLAIN: PlainConverters = { quantity: toQuantity, intOrString };

/**
 * @internal A Volume as given, with a plain `emptyDir.sizeLimit` turned into the Quantity the generated class
 * serializes; otherwise it would be dropped without a word.
 */
export function plainVolume(v: k8s.Volume, to: PlainConverters = PLAIN): k8s.Volume {
  return v.emptyDir?.sizeLimit !== undefined
    ? { ...v, emptyDir: { ...v.emptyDir, sizeLimit: to.quantity(v.emptyDir.sizeLimit) } }
    : v;
}

/**
 * @internal A Container as given, with plain resource quantities and probe ports turned into the types the generated
 * class serializes.
 */
export function plainContainer(c: k8s.Container, to: PlainConverters = PLAIN): k8s.Container {
  const res = (m?: Record<string, unknown>) =>
    m && Object.fromEntries(Object.entries(m).map(([k, q]) => [k, to.quantity(q)]));
  const probe = (pr?: k8s.Probe): k8s.Probe | undefined =>
    pr && {
      ...pr,
      httpGet: pr.httpGet && { ...pr.httpGet, port: to.intOrString(pr.httpGet.port) },
      tcpSocket: pr.tcpSocket && { ...pr.tcpSocket, port: to.intOrString(pr.tcpSocket.port) },
    };
  return {
    ...c,
    resources: c.resources && { ...c.resources, limits: res(c.resources.limits), requests: res(c.resources.requests) },
    livenessProbe: probe(c.livenessProbe),
    readinessProbe: probe(c.readinessProbe),
    startupProbe: probe(c.startupProbe),
  };
}

/**
 * @internal A ServicePort as given, with a plain `targetPort` (a number or a port name) turned into the IntOrString
 * the generated class serializes; otherwise it would be dropped without a word.
 */
export function servicePort(p: k8s.ServicePort, to: PlainConverters = PLAIN): k8s.ServicePort {
  return p.targetPort === undefined ? p : { ...p, targetPort: to.intOrString(p.targetPort) };
}
