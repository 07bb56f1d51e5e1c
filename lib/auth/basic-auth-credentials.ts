// BasicAuthCredentials: htpasswd users for ingress basic auth, from an existing Secret or hashed at synth time.
import type * as bcryptTypes from 'bcryptjs';
import type * as cryptoTypes from 'node:crypto';
import * as fs from 'node:fs';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { checkValue, envName, str, ValueIssue } from '../core/schema';

/**
 * Default bcrypt cost: see docs/topologies.md, basic auth at the ingress, for the per-request measurement behind it.
 */
export const DEFAULT_BCRYPT_COST = 8;

/** Shortest plaintext password accepted for hashing. */
export const MIN_PASSWORD_LENGTH = 12;

/** Shortest hash key accepted. */
export const MIN_HASH_KEY_LENGTH = 32;

/**
 * Where a plaintext value is read at synth time: an environment variable or a file. The value is only
 * hashed; it never reaches the manifests or an error message.
 */
export class SynthTimeSecret {
  /** The value of environment variable `name`. */
  public static fromEnv(name: string): SynthTimeSecret {
    return new SynthTimeSecret('env', name);
  }

  /** The contents of the file at `path` (one trailing newline is dropped). */
  public static fromFile(path: string): SynthTimeSecret {
    return new SynthTimeSecret('file', path);
  }

  private constructor(
    /** `env` or `file`. */ public readonly kind: 'env' | 'file',
    /** Variable name or file path. */ public readonly source: string,
  ) {}

  /** @internal What is wrong with the variable name or path it was given (never the value). */
  public _issues(): ValueIssue[] {
    return this.kind === 'env'
      ? checkValue(envName, this.source, 'source', ' (an environment variable name)')
      : checkValue(str('a file path'), this.source, 'source');
  }

  /** `environment variable X` / `file Y`, for messages. */
  public describe(): string {
    return this.kind === 'env' ? `environment variable ${this.source}` : `file ${this.source}`;
  }

  /** @internal The value, or undefined when the variable is unset or the file is missing. */
  public _read(): string | undefined {
    if (this.kind === 'env') return process.env[this.source];
    if (!fs.existsSync(this.source)) return undefined;
    return fs.readFileSync(this.source, 'utf8').replace(/\r?\n$/, '');
  }

  /**
   * @internal The value, or a validation error at `propPath` when it is missing or shorter than `min`:
   * `expected <source> to hold a <what> of at least <min> characters<context>, got <length><hint>`.
   */
  public _readAtLeast(
    scope: Construct,
    constructType: string,
    propPath: string,
    min: number,
    what: string,
    context = '',
    hint = '',
  ): string {
    const value = this._read();
    if (value === undefined || value.length < min) {
      fail(
        scope,
        constructType,
        propPath,
        `expected ${this.describe()} to hold a ${what} of at least ${min} characters${context}, ` +
          `got ${value === undefined ? 'nothing (unset or missing)' : `${value.length} characters`}${hint}`,
      );
    }
    return value;
  }
}

/** One user whose password is read at synth time and hashed with bcrypt. */
export interface BasicAuthUser {
  /** Login name: no `:`, no whitespace. */
  readonly username: string;
  /** Where the plaintext password is read at synth time. */
  readonly password: SynthTimeSecret;
}

/** Users hashed at synth time. */
export interface HashedUsersOptions {
  /** The users (at least one, distinct names). */
  readonly users: BasicAuthUser[];
  /**
   * Key of the HMAC that derives each bcrypt salt from user and password: the same inputs give the same
   * hash (no GitOps churn), and nobody without the key can precompute it. At least 32 characters; keep
   * it in your CI secret store.
   */
  readonly hashKey: SynthTimeSecret;
  /**
   * bcrypt cost factor (4-14). The ingress verifies the hash on every request, and Headlamp makes many.
   * @default 8
   */
  readonly cost?: number;
}

/**
 * Who may pass the basic-auth gate. In order of preference: an existing Secret, pre-hashed htpasswd
 * lines, or users whose plaintext passwords are read and hashed at synth time. A plaintext password
 * never reaches the manifests.
 */
export class BasicAuthCredentials {
  /** Default bcrypt cost of the hashes written at synth time. */
  public static readonly DEFAULT_BCRYPT_COST: number = DEFAULT_BCRYPT_COST;
  /** Shortest plaintext password accepted for hashing. */
  public static readonly MIN_PASSWORD_LENGTH: number = MIN_PASSWORD_LENGTH;
  /** Shortest hash key accepted. */
  public static readonly MIN_HASH_KEY_LENGTH: number = MIN_HASH_KEY_LENGTH;

  /**
   * An existing Secret in the Ingress's namespace, in the controller's format: key `auth` (htpasswd lines)
   * for ingress-nginx; exactly one key (conventionally `users`) for Traefik. The construct only references it.
   */
  public static fromExistingSecret(secretName: string): BasicAuthCredentials {
    return new BasicAuthCredentials({ kind: 'existing', secretName });
  }

  /** Pre-hashed htpasswd lines (`user:$2y$...`, `user:$apr1$...`, `user:{SHA}...`); the construct writes the Secret. */
  public static fromHtpasswdLines(lines: string[]): BasicAuthCredentials {
    return new BasicAuthCredentials({ kind: 'htpasswd', lines });
  }

  /** Users hashed with bcrypt at synth time, deterministically (HMAC-derived salt). */
  public static hashAtSynth(options: HashedUsersOptions): BasicAuthCredentials {
    return new BasicAuthCredentials({ kind: 'hash', ...options });
  }

  private constructor(
    /** @internal */ public readonly _source:
      | { kind: 'existing'; secretName: string }
      | { kind: 'htpasswd'; lines: string[] }
      | ({ kind: 'hash' } & HashedUsersOptions),
  ) {}
}

/**
 * bcrypt hash with a salt derived from HMAC-SHA256(key, username NUL password): deterministic for the
 * same inputs, unpredictable without the key. bcryptjs emits `$2b$`, which NGINX (crypt), Apache
 * htpasswd and Traefik all accept.
 */
export function deterministicBcrypt(username: string, password: string, key: string, cost: number): string {
  // node:crypto (~10 ms to load) and bcryptjs load only when a password is hashed at synth.
  const { createHmac }: typeof cryptoTypes = require('node:crypto');
  const digest = createHmac('sha256', key).update(`${username}\0${password}`).digest();
  const bcrypt: typeof bcryptTypes = require('bcryptjs');
  const salt = `$2b$${String(cost).padStart(2, '0')}$${bcrypt.encodeBase64(digest.subarray(0, 16), 16)}`;
  return bcrypt.hashSync(password, salt);
}
