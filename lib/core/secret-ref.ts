// SecretKeyRef: a reference to a key of an existing Secret (never a secret value).
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { checkValue, dnsSubdomain, secretKey, ValueIssue } from './schema';

/**
 * A key of an existing Kubernetes Secret: how the library takes credentials. The construct only
 * references it (an env var from `secretKeyRef`, or a volume); the value never enters the manifests.
 * Works the same for Secrets written by External Secrets Operator, SealedSecrets or Vault.
 */
export class SecretKeyRef {
  /** The key `key` of the Secret named `secretName` in the construct's namespace. */
  public static fromName(secretName: string, key: string): SecretKeyRef {
    return new SecretKeyRef(secretName, key);
  }

  private constructor(
    /** Name of the Secret. */
    public readonly secretName: string,
    /** Key in the Secret's data. */
    public readonly key: string,
  ) {}

  /** @internal What is wrong with the names it was given (checked where the reference is used). */
  public _issues(): ValueIssue[] {
    return [...checkValue(dnsSubdomain, this.secretName, 'secretName'), ...checkValue(secretKey, this.key, 'key')];
  }

  /** An env var that reads this key. */
  public toEnv(name: string): k8s.EnvVar {
    return { name, valueFrom: { secretKeyRef: { name: this.secretName, key: this.key } } };
  }
}
