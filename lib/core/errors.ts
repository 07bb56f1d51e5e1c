// HeadlampValidationError and the helpers that turn zod issues into one-line, prop-path errors at synth time.
import { Construct } from 'constructs';
import { z } from 'zod';

/** One problem found in a construct's props. */
export interface ValidationIssue {
  /** Dotted path of the prop, starting at `props`, e.g. `props.service.port`. */
  readonly propPath: string;
  /** What is wrong and what is expected, with the received value (secrets redacted). */
  readonly message: string;
}

/**
 * The one error type the library throws for bad input.
 *
 * The message names the construct type and path, the prop path, what was expected,
 * the value received (secrets redacted) and, where there is one, how to fix it:
 * `HeadlampDeployment 'prod/headlamp': props.replicas: expected an integer >= 1, got 0`.
 *
 * TypeScript only: jsii cannot model a subclass of `Error`; other languages get the same message as their runtime's
 * error (Python: `RuntimeError`).
 * @jsii ignore
 */
export class HeadlampValidationError extends Error {
  /** Construct type, e.g. `HeadlampDeployment`. */
  public readonly constructType: string;
  /** Construct path in the tree, e.g. `prod/headlamp`. */
  public readonly constructPath: string;
  /** Every problem found, in prop order. */
  public readonly issues: ValidationIssue[];

  constructor(constructType: string, constructPath: string, issues: ValidationIssue[]) {
    const head = constructPath ? `${constructType} '${constructPath}'` : constructType;
    const shown = issues.map((i) => ({ propPath: i.propPath, message: redactCredentials(i.message) }));
    super(shown.map((i) => `${head}: ${i.propPath}: ${i.message}`).join('\n'));
    this.name = 'HeadlampValidationError';
    this.constructType = constructType;
    this.constructPath = constructPath;
    this.issues = shown;
  }
}

/**
 * Credentials recognised by their form wherever they stand in a message: the user info of a URL (`https://u:p@host`,
 * `redis://:p@host`), or `user:password@` at the start of an address or image reference, where a host with a port or
 * a path follows (`u:p@registry/image`, `u:p@collector:4317`; `oidc:alice@example.com` is a prefixed user name); a JWT
 * (`eyJ...`); a PEM private key; an `Authorization` value (`Bearer ...`, `Basic ...`).
 */
const CREDENTIAL_FORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(:\/\/)[^\s/@"'`#?]+@/g, '$1<redacted>@'],
  [/(^|[\s"'`(=,[])([^\s/@:"'`(=,[]*):[^\s/@"'`]+@(?=[\w.-]+(:\d|\/)|\[)/g, '$1$2:<redacted>@'],
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '<redacted JWT>'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[^]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '<redacted private key>'],
  [/\b(Bearer|Basic) [\w.~+/=-]{8,}/g, '$1 <redacted>'],
];

/**
 * @internal The one redaction rule by content: every message of a {@link HeadlampValidationError} passes through it,
 * so a credential written into any value (a URL's user info, a token) is never echoed, whatever key held it. What is
 * secret by its key is {@link isSensitivePath}'s.
 */
export function redactCredentials(text: string): string {
  return CREDENTIAL_FORMS.reduce((t, [re, by]) => t.replace(re, by), text);
}

/**
 * Keys whose values (and everything under them) are never echoed back in an error message: secret-named keys (also
 * env var names such as `DB_PASSWORD`), and the keys that hold command lines and env values, which may carry a secret
 * (`-oidc-client-secret=...`).
 */
const SENSITIVE_KEY = new RegExp(
  String.raw`(password|passwd|secret|token|hashKey|lines|htpasswd|credentials?` +
    String.raw`|apiKey|privateKey)$|^(extraArgs|args|command|extraEnv|extraEnvVars` +
    String.raw`|env|stringData|data)$`,
  'i',
);

/** @internal Whether a value at `path` may be a secret: then only its kind is shown. */
export function isSensitivePath(path: readonly PropertyKey[]): boolean {
  return path.some((p) => typeof p === 'string' && SENSITIVE_KEY.test(p));
}

/** @internal Renders a received value for an error message: short, and redacted when it may be a secret. */
export function describeValue(value: unknown, path: readonly PropertyKey[] = []): string {
  if (value !== undefined && value !== null && typeof value !== 'object' && isSensitivePath(path)) return '<redacted>';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** @internal The value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: any = root;
  for (const key of path) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[key as any];
  }
  return cur;
}

/**
 * A map key as an error message may show it: under a sensitive key (`extraEnv`), only the text before the first `=`,
 * since `NAME=value` written as a key carries the value.
 */
function shownKey(key: PropertyKey, parent: readonly PropertyKey[]): PropertyKey {
  if (typeof key !== 'string' || !isSensitivePath(parent) || !key.includes('=')) return key;
  return `${key.slice(0, key.indexOf('='))}=<redacted>`;
}

function toIssue(issue: z.core.$ZodIssue, input: unknown, prefix: string): ValidationIssue {
  const keyPath =
    issue.code === 'invalid_key'
      ? issue.path.map((p, i) => (i === issue.path.length - 1 ? shownKey(p, issue.path.slice(0, i)) : p))
      : issue.path;
  const rel = keyPath.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  // With no prefix (a values file) paths start at the key: `headlamp.replicas`, `(top level)` for the root.
  const path = prefix ? rel : rel.replace(/^\./, '') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `'${k}'`).join(', ');
    return {
      propPath: `${prefix}${path}`,
      message: `unknown prop ${keys}: check the spelling against the props interface`,
    };
  }
  const last = keyPath[keyPath.length - 1];
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0]?.message ?? issue.message;
    // A key is a name (an env var's, a label's), shown even under a key whose values are not; but not past an `=`.
    return { propPath: `${prefix}${path}`, message: `${inner}, got key ${describeValue(last)}` };
  }
  // The props themselves are not an object (null, a string, an array): zod's words would name its own types. Only
  // the kind is shown: a string in place of the props may be anything.
  if (issue.code === 'invalid_type' && issue.path.length === 0 && prefix === 'props') {
    return { propPath: prefix, message: `expected a props object, got ${describeKind(input)}` };
  }
  // A value object's own check (schema.ts `instance`) writes the whole message, value included where it is safe.
  if (issue.code === 'custom' && (issue as { params?: { complete?: boolean } }).params?.complete) {
    return { propPath: `${prefix}${path}`, message: issue.message };
  }
  const got = describeValue(valueAt(input, issue.path), issue.path);
  return { propPath: `${prefix}${path}`, message: `${issue.message}, got ${got}` };
}

/**
 * `undefined`, `null`, `an array`, `a string`...: the kind of a value given where an object belongs (never the value
 * itself).
 */
export function describeKind(x: unknown): string {
  if (x === undefined || x === null) return String(x);
  return Array.isArray(x) ? 'an array' : `a ${typeof x}`;
}

/**
 * @internal
 * Parses `input` with `schema`, or throws a {@link HeadlampValidationError} naming the construct and
 * every failing prop. This is the only place zod errors become library errors.
 */
export function parseProps<S extends z.ZodType>(
  scope: Construct,
  constructType: string,
  schema: S,
  input: unknown,
  prefix = 'props',
): z.output<S> {
  // Each props object is parsed once per construct: compiling zod's fast path (`new Function`) would cost more
  // than it saves (~25 ms of a first synth), so parse without it.
  const result = schema.safeParse(input, { jitless: true });
  if (result.success) return result.data;
  throw new HeadlampValidationError(
    constructType,
    scope.node.path,
    result.error.issues.map((i) => toIssue(i, input, prefix)),
  );
}

/**
 * @internal Rewrites a prop path by the first rule whose prefix covers it (whole segments): with
 * `['props', 'headlamp']`, `props.replicas` becomes `headlamp.replicas`. Undefined when no rule applies.
 * How the values file and the chart migration name the keys a construct's error came from.
 */
export function rewritePropPath(propPath: string, rules: ReadonlyArray<readonly [string, string]>): string | undefined {
  const rule = rules.find(
    ([from]) => propPath === from || propPath.startsWith(`${from}.`) || propPath.startsWith(`${from}[`),
  );
  return rule && `${rule[1]}${propPath.slice(rule[0].length)}`.replace(/^\./, '');
}

/**
 * @internal How a construct's errors read in another input (a values file): prop-path prefixes per construct type
 * (as for {@link rewritePropPath}), and TypeScript terms (factories, type names) with what that input calls them.
 */
export interface Restatement {
  readonly paths: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>>;
  readonly terms: ReadonlyArray<readonly [RegExp, string]>;
}

/** @internal A prop path written in a message: `props.service.type`, `props.extraArgs[0]`, `props.annotations['x']`. */
export const PROP_PATH_IN_TEXT = /\bprops(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\['[^']*'\])+/g;

/**
 * @internal Re-states one issue of a `constructType` in the input's terms: its path, every prop path written in its
 * message (through the same rules), then every TypeScript term. One mechanism for every message.
 */
export function restateIssue(constructType: string, issue: ValidationIssue, r: Restatement): ValidationIssue {
  const rules = r.paths[constructType] ?? [];
  const rewrite = (p: string) => rewritePropPath(p, rules) ?? p;
  let message = issue.message.replace(PROP_PATH_IN_TEXT, (m) => rewrite(m) || '(top level)');
  for (const [term, replacement] of r.terms) message = message.replace(term, replacement);
  return { propPath: rewrite(issue.propPath) || '(top level)', message };
}

/** Whether `inner` is the key `outer` or a key inside it. `(top level)` holds nothing. */
function within(outer: string, inner: string): boolean {
  if (outer === '(top level)') return false;
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

/**
 * @internal
 * Gathers the problems of several independent checks, so one run reports every problem instead of one round at a
 * time. A problem at or inside a key an earlier check already reported is dropped: it follows from the first. Callers
 * run a check only when the keys it reads passed ({@link IssueCollector.failed}).
 */
export class IssueCollector {
  private readonly found: ValidationIssue[] = [];

  /** @param restate turns a construct's error into issues in the input's terms */
  constructor(
    private readonly restate: (err: HeadlampValidationError) => readonly ValidationIssue[] = (err) => err.issues,
  ) {}

  /** Every problem found so far, in the order of the checks. */
  public get issues(): readonly ValidationIssue[] {
    return this.found;
  }

  /** Whether a problem was reported at one of `keys`, above it or inside it. */
  public failed(...keys: string[]): boolean {
    return this.found.some((i) => keys.some((k) => within(k, i.propPath) || within(i.propPath, k)));
  }

  /**
   * Runs `check`; its {@link HeadlampValidationError} adds its problems and gives undefined. Any other error is thrown.
   * @param owns when given, only problems at or inside these keys are kept (a check of one part of the input)
   */
  public check<T>(check: () => T, owns?: readonly string[]): T | undefined {
    try {
      return check();
    } catch (err) {
      if (!(err instanceof HeadlampValidationError)) throw err;
      const before = [...this.found];
      this.found.push(
        ...this.restate(err).filter(
          (i) =>
            !before.some((b) => within(b.propPath, i.propPath)) && (!owns || owns.some((k) => within(k, i.propPath))),
        ),
      );
      return undefined;
    }
  }

  /** Throws every problem found as one {@link HeadlampValidationError}, if there is any. */
  public throwIfAny(constructType: string, constructPath: string): void {
    if (this.found.length) throw new HeadlampValidationError(constructType, constructPath, [...this.found]);
  }
}

/** @internal Throws a {@link HeadlampValidationError} with one issue: for checks that need more than one prop. */
export function fail(scope: Construct, constructType: string, propPath: string, message: string): never {
  throw new HeadlampValidationError(constructType, scope.node.path, [{ propPath, message }]);
}
