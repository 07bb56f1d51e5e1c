/*
 * zod building blocks shared by every construct's props schema. Each rule carries one message
 * ("expected ...") used for the type check and every refinement, so errors read the same everywhere.
 */
import { Duration } from 'cdk8s';
import { z } from 'zod';
import { describeValue, valueAt } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUANTITY = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
/** @internal A GUID (Entra ID tenants, object IDs). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * @internal A value built on first use and kept: the props schemas are built when the first construct needs
 * them, not when the library is loaded (building ~150 zod schemas is most of the library's load time).
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/** @internal A string with one message for every failure. */
export function str(expected: string): z.ZodString {
  return z.string({ error: `expected ${expected}` }).min(1, { error: `expected ${expected}`, abort: true });
}

/** @internal A string matching `re`, with one message. */
export function pattern(re: RegExp, expected: string): z.ZodString {
  return str(expected).regex(re, { error: `expected ${expected}` });
}

/** @internal The largest int32, the bound of every integer field of the Kubernetes API a prop ends up in. */
export const INT32_MAX = 2147483647;

/**
 * @internal An integer in [min, max]; without `max`, at most {@link INT32_MAX}: the API server refuses larger
 * numbers (replicas, ports, seconds), so no integer prop accepts one.
 */
export function int(min: number, max?: number): z.ZodNumber {
  const msg = max === undefined ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`;
  const s = z.number({ error: msg }).int({ error: msg }).min(min, { error: msg });
  return max === undefined
    ? s.max(INT32_MAX, { error: `expected an integer of at most ${INT32_MAX} (the Kubernetes API's int32 limit)` })
    : s.max(Math.min(max, INT32_MAX), { error: msg });
}

/** @internal A value of a TypeScript string enum; the message lists every allowed value. */
export function oneOf<E extends Record<string, string>>(values: E, typeName: string) {
  const allowed = Object.values(values)
    .map((v) => `'${v}'`)
    .join(', ');
  return z.enum(values, {
    error: `expected ${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName} (one of ${allowed})`,
  });
}

/** @internal A boolean. */
export const bool = z.boolean({ error: 'expected true or false' });

/**
 * @internal An OAuth client ID as the identity provider issued it: not blank, no surrounding spaces or control
 * characters (the provider, the API server and oauth2-proxy compare it exactly; ' abc' is another client).
 */
export const clientId = pattern(
  /^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$/,
  'a client ID as the identity provider issued it (not blank, no surrounding spaces)',
);

/** @internal A DNS-1123 label (Service, ServiceAccount, Namespace names): lower case, digits, '-', at most 63. */
export const dnsLabel = pattern(
  DNS1123_LABEL,
  "a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)",
).max(63, { error: 'expected a DNS-1123 label of at most 63 characters' });

/** @internal A DNS-1123 subdomain (Secret, ConfigMap, Role names, hostnames): at most 253. */
export const dnsSubdomain = pattern(
  DNS1123_SUBDOMAIN,
  "a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')",
).max(253, { error: 'expected a DNS-1123 subdomain of at most 253 characters' });

/** @internal A label or annotation key: optional DNS-subdomain prefix and '/', then a name of at most 63. */
const labelKey = z.string({ error: 'expected a label key' }).refine(
  (key) => {
    const parts = key.split('/');
    if (parts.length > 2) return false;
    const name = parts[parts.length - 1];
    const prefix = parts.length === 2 ? parts[0] : undefined;
    if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return false;
    return name.length <= 63 && LABEL_NAME.test(name);
  },
  { error: "expected a label key ('[prefix/]name', name of at most 63 alphanumerics, '-', '_', '.')" },
);

/** @internal A label value: at most 63 alphanumerics, '-', '_', '.', or empty. */
const labelValue = z
  .string({ error: 'expected a label value' })
  .max(63, { error: 'expected a label value of at most 63 characters' })
  .regex(LABEL_VALUE, {
    error: "expected a label value (alphanumerics, '-', '_', '.', starting and ending alphanumeric)",
  });

/** @internal A map of labels. */
export const labels = z.record(labelKey, labelValue, { error: 'expected a map of label keys to values' });

/** @internal A map of annotations (values are free text). */
export const annotations = z.record(labelKey, z.string({ error: 'expected a string annotation value' }), {
  error: 'expected a map of annotation keys to strings',
});

/**
 * @internal Distinct host names (at least one), e.g. `headlamp.example.com`: DNS names as the Ingress and Gateway APIs
 * take them, a single label (`headlamp`, split-horizon DNS) too.
 */
export const hostnames = z
  .array(
    pattern(
      /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
      "a host name such as 'headlamp.example.com'",
    ),
    { error: 'expected a list of host names' },
  )
  .refine((xs) => xs.length > 0, { error: 'expected at least one host' })
  .refine((xs) => new Set(xs).size === xs.length, { error: 'expected distinct host names' });

/** @internal A TCP port. */
export const port = int(1, 65535);

/** @internal A key of a Secret or ConfigMap. */
export const secretKey = pattern(/^[-._a-zA-Z0-9]+$/, "a Secret key (letters, digits, '-', '_', '.')").max(253, {
  error: 'expected a Secret key of at most 253 characters',
});

/** @internal A resource quantity such as `100m`, `128Mi`. */
export const quantity = pattern(QUANTITY, "a Kubernetes quantity such as '100m', '0.5' or '128Mi'");

/** @internal An environment variable name. */
export const envName = pattern(
  ENV_NAME,
  "an environment variable name (letters, digits, '_', '-', '.', not starting with a digit)",
);

/** @internal A cdk8s Duration. */
export const duration = z.custom<Duration>((v) => v instanceof Duration, {
  error: 'expected a Duration, e.g. Duration.hours(8)',
});

/** @internal Seconds of a Duration, or undefined when it is not a whole number of seconds (cdk8s would throw). */
export function secondsOf(d: Duration): number | undefined {
  try {
    return d.toSeconds();
  } catch {
    return undefined;
  }
}

/** @internal A Duration of at least one whole second (what every duration flag of Headlamp and oauth2-proxy takes). */
export const wholeSeconds = duration.refine((d) => (secondsOf(d) ?? 0) >= 1, {
  error: 'expected a Duration of whole seconds, at least 1 second, e.g. Duration.minutes(50)',
});

/** @internal An absolute URL with the given schemes, and no user info (a credential in a URL is a plaintext secret). */
export function url(schemes: readonly string[], expected = `an absolute ${schemes.join(' or ')} URL`): z.ZodString {
  return str(expected)
    .refine(
      (value) => {
        try {
          const u = new URL(value);
          return schemes.includes(u.protocol.replace(/:$/, '')) && u.hostname.length > 0;
        } catch {
          return false;
        }
      },
      { error: `expected ${expected}`, abort: true },
    )
    .refine(
      (value) => {
        const u = new URL(value);
        return !u.username && !u.password;
      },
      {
        error:
          `expected ${expected} without user info ('user:password@' would be written into the manifests and the ` +
          "pod's arguments, readable by whoever reads them)",
      },
    ) as unknown as z.ZodString;
}

/** @internal One problem a value object finds in what its factory was given, relative to the object. */
export interface ValueIssue {
  /** Path inside the value, e.g. `['secretName']`. */
  readonly path: readonly (string | number)[];
  /** The whole message, `expected ..., got ...` (never a secret value). */
  readonly message: string;
}

/** @internal A value object (made by a static factory) that checks what it was given when a construct uses it. */
export interface SelfChecking {
  _issues(): ValueIssue[];
}

/**
 * @internal
 * An instance of a library class (for union-like classes with static factories). When the class checks its own
 * fields (`_issues()`), each problem is reported at the prop path where the value was passed, so a factory
 * argument gets its error where the user wrote it: `props.tls.secretName: expected ..., got "Bad_Name"`.
 */
// A class with a private constructor (the factories' classes) has no constructor type: Function is what instanceof
// takes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function instance<T>(cls: Function & { prototype: T }, factory: string): z.ZodType<T> {
  return z
    .custom<T>((v) => v instanceof cls, {
      error: `expected ${/^[AEIOU]/.test(cls.name) ? 'an' : 'a'} ${cls.name} from ${factory}`,
      abort: true,
    })
    .superRefine((v, ctx) => {
      const check = (v as Partial<SelfChecking>)._issues;
      for (const issue of typeof check === 'function' ? check.call(v) : []) {
        ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, params: { complete: true } });
      }
    }) as unknown as z.ZodType<T>;
}

/** @internal Checks `value` with a schema and returns its problems as complete messages (for `_issues()`). */
export function checkValue(schema: z.ZodType, value: unknown, path: string, what = ''): ValueIssue[] {
  const result = schema.safeParse(value, { jitless: true });
  if (result.success) return [];
  const issue = result.error.issues[0];
  if (issue.code === 'invalid_key') {
    // A bad key of a map (labels): say which key, not the whole map.
    return [
      {
        path: [path],
        message:
          `${issue.issues[0]?.message ?? issue.message}${what}, got ` +
          `key ${JSON.stringify(issue.path[issue.path.length - 1])}`,
      },
    ];
  }
  const at = valueAt(value, issue.path);
  return [
    {
      path: [path, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: `${issue.message}${what}, got ${describeValue(at, [path, ...issue.path])}`,
    },
  ];
}

/** @internal A list of distinct strings. */
export function uniqueList<T extends z.ZodType<string>>(item: T, what: string) {
  return z
    .array(item, { error: `expected a list of ${what}` })
    .refine((xs) => new Set(xs).size === xs.length, { error: `expected distinct ${what}` });
}

/** @internal Compile-time check that a zod schema and a hand-written props interface describe the same shape. */
export type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

/** @internal Call with `true` to prove at compile time that a schema's output and a props interface agree. */
export function sameShape<A, B>(_proof: Exactly<A, B>): void {}
