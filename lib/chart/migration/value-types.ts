// The types of the chart's values: what the chart's values.schema.json checks (helm refuses the rest), and the keys it
// leaves untyped, read the way its templates read them.
import { isSensitivePath, ValidationIssue } from '../../core/errors';
import { HEADLAMP_MINOR } from '../../core/headlamp-flags';
import { Values } from './context';

/** What does not fit a type. */
const NO: unique symbol = Symbol('does not fit');

/** The type of one values key (`a.b`, `a[]` for the items of a list, `a.*` for every key of a free-form map). */
export interface ValueType {
  /**
   * The constraint of the chart's values.schema.json this type is, in the form the suite compares with the schema
   * (`integer>=1`, `string|null`, `object required=name closed`, `custom:...`); undefined where the chart leaves
   * the key untyped (its template then takes anything, and the type says how the template reads it).
   */
  readonly chart?: string;
  /** What is expected, for the message: `an integer >= 1`. */
  readonly expected: string;
  /** The value as the chart reads it, or {@link NO}. */
  readonly read: (x: unknown) => unknown;
  /** For maps: keys that must be there, and whether other keys than the typed ones are refused. */
  readonly required?: readonly string[];
  readonly closed?: boolean;
  /** A hint for a value that does not fit, when there is a likely slip: `(a string: write 2 without quotes)`. */
  readonly hint?: (x: unknown) => string | undefined;
}

const isMap = (x: unknown): x is Values => x !== null && typeof x === 'object' && !Array.isArray(x);
/** YAML 1.1 booleans: helm reads `yes`, `off`... unquoted as booleans; a YAML 1.2 reader (ours) sees strings. */
const YAML11_BOOL: Record<string, boolean> = Object.fromEntries([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false]),
]);
/** The likely slip behind a number or boolean in quotes. */
const quotedNumber = (x: unknown) =>
  typeof x === 'string' && x.trim() !== '' && !Number.isNaN(Number(x))
    ? `(a string: write ${x} without quotes)`
    : undefined;
const quotedBoolean = (x: unknown) =>
  x === 'true' || x === 'false' ? `(a string: write ${x} without quotes)` : undefined;

export const STRING: ValueType = {
  chart: 'string',
  expected: 'a string',
  read: (x) => (typeof x === 'string' ? x : NO),
  hint: (x) => (typeof x === 'number' || typeof x === 'boolean' ? `(quote it: '${x}')` : undefined),
};
/** A string the chart leaves untyped: a number or boolean renders as its text. */
export const TEXT: ValueType = {
  expected: 'a string',
  read: (x) => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : NO),
};
export const BOOLEAN: ValueType = {
  chart: 'boolean',
  expected: 'true or false',
  read: (x) => (typeof x === 'boolean' ? x : typeof x === 'string' && x in YAML11_BOOL ? YAML11_BOOL[x] : NO),
  hint: quotedBoolean,
};
/**
 * A switch the chart leaves untyped and tests with `if`: a number is true unless 0, and a string other than
 * 'true' is refused, since the template would read any non-empty string (`"false"` too) as true.
 */
export const SWITCH: ValueType = {
  expected: 'true or false',
  read: (x) =>
    typeof x === 'boolean'
      ? x
      : typeof x === 'number'
        ? x !== 0
        : x === 'true' || x === ''
          ? x === 'true'
          : typeof x === 'string' && x in YAML11_BOOL
            ? YAML11_BOOL[x]
            : NO,
  hint: (x) =>
    typeof x === 'string'
      ? `(a string, which the chart's template reads as true: write true or false without quotes)`
      : undefined,
};
export const int = (min: number, max?: number): ValueType => ({
  chart: `integer>=${min}${max === undefined ? '' : `<=${max}`}`,
  expected: max === undefined ? `an integer >= ${min}` : min === max ? `${min}` : `an integer from ${min} to ${max}`,
  read: (x) => (typeof x === 'number' && Number.isInteger(x) && x >= min && (max === undefined || x <= max) ? x : NO),
  hint: quotedNumber,
});
export const INTEGER: ValueType = {
  chart: 'integer',
  expected: 'an integer',
  read: (x) => (Number.isInteger(x) ? x : NO),
  hint: quotedNumber,
};
export const oneOf = (...values: string[]): ValueType => ({
  chart: `string:${values.join('|')}`,
  expected: `one of ${values.join(', ')}`,
  read: (x) => (values.includes(x as string) ? x : NO),
});
export const map = (options: { required?: string[]; closed?: boolean } = {}): ValueType => ({
  chart: [
    'object',
    ...(options.required ? [`required=${[...options.required].sort().join(',')}`] : []),
    ...(options.closed ? ['closed'] : []),
  ].join(' '),
  expected: 'a map (key: value lines)',
  read: (x) => (isMap(x) ? x : NO),
  ...options,
});
export const MAP = map();
/** A map the chart leaves untyped (its template renders it with toYaml: a list would be an invalid object). */
export const ANY_MAP: ValueType = { ...MAP, chart: undefined };
export const LIST: ValueType = {
  chart: 'array',
  expected: 'a list (- item lines)',
  read: (x) => (Array.isArray(x) ? x : NO),
};
export const ANY_LIST: ValueType = { ...LIST, chart: undefined };
/** A type the schema writes with oneOf, anyOf or a pattern: named, checked by `read`. */
export const custom = (
  name: string,
  expected: string,
  read: (x: unknown) => unknown,
  base: Partial<ValueType> = {},
): ValueType => ({
  ...base,
  chart: `custom:${name}`,
  expected,
  read,
});
export const nullable = (t: ValueType): ValueType => ({
  ...t,
  chart: `${t.chart}|null`,
  expected: `${t.expected} or null`,
  read: (x) => (x === null ? null : t.read(x)),
});
export { NO as DOES_NOT_FIT };

/**
 * A value under a secret-looking key, an arg or an env var is never shown (nor a hint that would show it): the one
 * rule of every error (isSensitivePath in core/errors.ts), on the key's segments.
 */
const hidden = (at: string) => isSensitivePath(at.split(/[.[\]]+/).filter(Boolean));

/** How a value is shown in a message. */
function shown(x: unknown, at: string): string {
  if (Array.isArray(x)) return `a list of ${x.length}`;
  if (isMap(x)) return 'a map';
  if (hidden(at)) return `a ${x === null ? 'null' : typeof x} (value not shown)`;
  if (typeof x === 'string') return JSON.stringify(x.length > 80 ? `${x.slice(0, 77)}...` : x);
  return String(x);
}

/** Checks one value against its type, returning the value as the chart reads it; issues are pushed. */
function checked(t: ValueType, x: unknown, at: string, issues: ValidationIssue[]): unknown {
  const value = t.read(x);
  if (value === NO) {
    // A map's hint names its keys, never a value.
    const hint = hidden(at) && !isMap(x) ? undefined : t.hint?.(x);
    issues.push({ propPath: at, message: `expected ${t.expected}, got ${shown(x, at)}${hint ? ` ${hint}` : ''}` });
  }
  return value;
}

/**
 * The values with every typed key checked and read the way the chart reads it (a new object: the caller's is
 * never changed), what does not fit, and the keys given as `null`. A `null` under a map key is left out (helm
 * deletes the key, default and all; here the chart's default applies) unless `nullRefused` names it (with why);
 * a `null` in a list is checked like any value.
 */
export function readValueTypes(
  types: Readonly<Record<string, ValueType>>,
  values: Values,
  nullRefused: Readonly<Record<string, string>> = {},
): { values: Values; issues: ValidationIssue[]; nulls: string[] } {
  const issues: ValidationIssue[] = [];
  const nulls: string[] = [];
  const walk = (x: unknown, path: string, at: string): unknown => {
    const t = types[path];
    const value = t ? checked(t, x, at, issues) : x;
    // A map that does not fit a closed type still has its keys checked (a misspelled key is often why).
    if (value === NO && !(t?.closed && isMap(x))) return x;
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[]`, `${at}[${i}]`));
    if (!isMap(x) || (value !== NO && !isMap(value))) return value;
    const map = value === NO ? x : (value as Values);
    if (value !== NO) {
      for (const key of t?.required ?? []) {
        if (map[key] === undefined)
          issues.push({
            propPath: `${at}.${key}`,
            message: `missing: add ${key} (${types[`${path}.${key}`]?.expected ?? 'a value'})`,
          });
      }
    }
    const out: Values = {};
    for (const [k, v] of Object.entries(map)) {
      // A key of a free-form map (an annotation) has the type of `<map>.*`, and is named in brackets when it is not a
      // plain name.
      const childPath = !path ? k : types[`${path}.${k}`] || !types[`${path}.*`] ? `${path}.${k}` : `${path}.*`;
      const childAt = !at ? k : /^[A-Za-z_$][\w$-]*$/.test(k) ? `${at}.${k}` : `${at}['${k}']`;
      if (t?.closed && !types[childPath]) {
        issues.push({
          propPath: childAt,
          message: `unknown key: not a value of the official Headlamp chart ${HEADLAMP_MINOR} (check the spelling)`,
        });
      } else if (v !== null || path.includes('[]')) {
        out[k] = walk(v, childPath, childAt);
      } else if (nullRefused[childPath]) {
        issues.push({
          propPath: childAt,
          message:
            `expected ${types[childPath]?.expected ?? 'a value'}, got null (${nullRefused[childPath]}); ` +
            "remove the line to keep the chart's default",
        });
      } else {
        nulls.push(childAt);
      }
    }
    return out;
  };
  return { values: walk(values, '', '') as Values, issues, nulls };
}
