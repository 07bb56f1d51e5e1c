/** Adversarial inputs: every refusal is our error type, names the construct and the prop, and never leaks a secret. */
import { HeadlampValidationError } from '../../lib';

/** What a refusal must say. */
export interface Refusal {
  /** Construct type, e.g. `HeadlampDeployment`. */
  readonly type: string;
  /** Construct path, e.g. `test/headlamp`. */
  readonly path: string;
  /** Prop path of the first issue, e.g. `props.extraArgs[0]`. */
  readonly prop: string;
  /** A part of the message that says what is wrong or how to fix it. */
  readonly says: string;
  /** Values that must not appear anywhere in the message (secrets, keys). */
  readonly secrets?: string[];
}

/** Runs `build` and checks it throws exactly the refusal described. */
export function expectRefused(build: () => unknown, r: Refusal): void {
  let err: unknown;
  try {
    build();
  } catch (e) {
    err = e;
  }
  if (!(err instanceof HeadlampValidationError)) {
    throw new Error(
      `expected a HeadlampValidationError, got ${err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err)}`,
    );
  }
  expect({ type: err.constructType, path: err.constructPath, prop: err.issues[0].propPath }).toStrictEqual({
    type: r.type,
    path: r.path,
    prop: r.prop,
  });
  expect(err.message).toContain(r.says);
  expect(err.message).not.toMatch(/TypeError|undefined is not|Cannot read/);
  for (const secret of r.secrets ?? []) expect(err.message).not.toContain(secret);
}

/** The message of the HeadlampValidationError that `build` throws (fails the test when it throws nothing or something else). */
export function errorMessageOf(build: () => unknown): string {
  try {
    build();
  } catch (err) {
    expect(err).toBeInstanceOf(HeadlampValidationError);
    return (err as Error).message;
  }
  throw new Error('expected a HeadlampValidationError, nothing was thrown');
}
