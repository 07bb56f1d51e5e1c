// Flux post-build substitution in chart values (`${VAR}`, `${VAR:=default}`): resolved from --substitute, or carried
// into the output as written for the Kustomization that applies it to substitute.
import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { HeadlampValidationError } from '../../core/errors';
import { ChartMigrationRefusal, refuse } from './context';

/** A Flux variable: `${NAME}` or `${NAME:=default}` (not `$${NAME}`, Flux's escape for a literal `${NAME}`). */
const PLACEHOLDER = /(?<!\$)\$\{([_a-zA-Z][_a-zA-Z0-9]*)(?::=([^}]*))?\}/g;
const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
/**
 * What stands for a placeholder while the values are checked and built: lower-case letters and digits only, so it
 * fits a host label, a DNS name, a URL and a label value, and survives lower-casing; `x` ends it, so `fluxvar1x` is not
 * a prefix of `fluxvar10x`.
 */
const token = (n: number) => `fluxvar${n}x`;
const TOKEN = /fluxvar(\d+)x/g;

/** The placeholders of the values, each with the token that stands for it. */
export interface Substitution {
  /** The values with each placeholder replaced: by its value (--substitute), or by a token for {@link restore}. */
  readonly values: unknown;
  /** The placeholder each token stands for, by token number. */
  readonly placeholders: readonly string[];
  /** Each values key with placeholders, with the variables in it and whether they were resolved. */
  readonly keys: ReadonlyArray<{ key: string; names: string[]; resolved: boolean; defaulted: string[] }>;
}

/** How a key is named in messages (as the values checks name it). */
const child = (at: string, k: string) => (!at ? k : /^[A-Za-z_$][\w$-]*$/.test(k) ? `${at}.${k}` : `${at}['${k}']`);

/**
 * The values with their Flux placeholders taken out: with `substitute` (the --substitute variables, possibly empty but
 * given), each resolved from it or its default, else refused; without, each replaced by a token that {@link restore}
 * turns back into the placeholder in the output.
 */
export function takePlaceholders(raw: unknown, substitute?: Readonly<Record<string, string>>): Substitution {
  for (const name of Object.keys(substitute ?? {})) {
    if (!NAME.test(name)) {
      refuse(
        '--substitute',
        'expected NAME=VALUE with a Flux variable name (letters, digits, _; not starting with a ' +
          `digit), got ${JSON.stringify(name)}`,
      );
    }
  }
  const placeholders: string[] = [];
  const keys: Array<{ key: string; names: string[]; resolved: boolean; defaulted: string[] }> = [];
  const walk = (x: unknown, at: string): unknown => {
    if (Array.isArray(x)) return x.map((item, i) => walk(item, `${at}[${i}]`));
    if (x !== null && typeof x === 'object') {
      return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v, child(at, k))]));
    }
    if (typeof x !== 'string' || !x.includes('${')) return x;
    const names: string[] = [];
    const defaulted: string[] = [];
    const out = x.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
      names.push(name);
      if (!substitute) {
        placeholders.push(whole);
        return token(placeholders.length - 1);
      }
      if (name in substitute) return substitute[name];
      if (fallback !== undefined) {
        defaulted.push(name);
        return fallback;
      }
      return refuse(
        at || '(top level)',
        `\${${name}} has no value: --substitute names other variables and it has no ` +
          `default; pass --substitute ${name}=VALUE, or leave out every --substitute to carry the ` +
          `placeholders for Flux`,
      );
    });
    if (names.length) keys.push({ key: at, names, resolved: !!substitute, defaulted });
    // With the variables resolved, Flux's escape `$${NAME}` is the literal `${NAME}` the output holds.
    return substitute ? out.replace(/\$\$\{/g, '${') : out;
  };
  return { values: walk(raw, ''), placeholders, keys };
}

/** A value as Flux would read it with no variable set: each token by its placeholder's default (undefined: none). */
export function withDefaults(x: string | undefined, placeholders: readonly string[]): string | undefined {
  let whole = true;
  const out = x?.replace(TOKEN, (_t, n: string) => {
    const fallback = /:=([^}]*)\}$/.exec(placeholders[Number(n)] ?? '')?.[1];
    if (fallback === undefined) whole = false;
    return fallback ?? '';
  });
  return whole ? out : undefined;
}

/** `x` with every token turned back into its placeholder (strings, lists and maps, keys too). */
export function restore<T>(x: T, placeholders: readonly string[]): T {
  if (!placeholders.length) return x;
  const back = (s: string) => s.replace(TOKEN, (whole, n: string) => placeholders[Number(n)] ?? whole);
  const walk = (y: unknown): unknown => {
    if (typeof y === 'string') return back(y);
    if (Array.isArray(y)) return y.map(walk);
    if (y !== null && typeof y === 'object' && Object.getPrototypeOf(y) === Object.prototype) {
      return Object.fromEntries(Object.entries(y).map(([k, v]) => [back(k), walk(v)]));
    }
    return y;
  };
  return walk(x) as T;
}

/** An error of the migration in the values' words: tokens back to placeholders, and the way to resolve them named. */
export function restoredError(err: unknown, placeholders: readonly string[]): unknown {
  if (!placeholders.length) return err;
  const hint = (message: string) =>
    /\$\{[_a-zA-Z]/.test(message) && !message.includes('--substitute')
      ? `${message} (Flux substitutes \${...} after the build: pass --substitute NAME=VALUE to resolve it here)`
      : message;
  if (err instanceof ChartMigrationRefusal) {
    const reason = restore(err.message.slice(err.key.length + 2), placeholders);
    return new ChartMigrationRefusal(restore(err.key, placeholders), hint(reason));
  }
  if (err instanceof HeadlampValidationError) {
    return new HeadlampValidationError(
      err.constructType,
      err.constructPath,
      err.issues.map((i) => ({
        propPath: restore(i.propPath, placeholders),
        message: hint(restore(i.message, placeholders)),
      })),
    );
  }
  return err;
}

/** The migration's Chart: its manifests carry the placeholders the values had, where the values had them. */
export class SubstitutedChart extends Chart {
  constructor(
    scope: Construct,
    id: string,
    props: ChartProps,
    private readonly placeholders: readonly string[],
  ) {
    super(scope, id, props);
  }

  public toJson(): any[] {
    return restore(super.toJson(), this.placeholders);
  }
}

/** Notes for the placeholders: carried for Flux (with the way to resolve them here), or resolved. */
export function substitutionNotes(s: Substitution, note: (key: string, message: string) => void): void {
  for (const { key, names, resolved, defaulted } of s.keys) {
    const list = [...new Set(names)].map((n) => `\${${n}}`).join(', ');
    if (!resolved) {
      note(
        key,
        `${list} carried as written for Flux's post-build substitution (the rest of the value was checked): ` +
          'apply the output with the Kustomization whose postBuild substitutes it, or resolve it here with ' +
          `--substitute ${[...new Set(names)].map((n) => `${n}=VALUE`).join(' --substitute ')}`,
      );
    } else if (defaulted.length) {
      const which = [...new Set(defaulted)].map((n) => `\${${n}}`).join(', ');
      note(
        key,
        `${which} resolved to ${defaulted.length > 1 ? 'their defaults' : 'its default'} ` +
          '(not among the --substitute variables), as Flux would',
      );
    }
  }
}
