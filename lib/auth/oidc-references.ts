// References to the OIDC client secret and the identity provider's CA bundle (value objects, no constructs).
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { checkValue, dnsSubdomain, secretKey, ValueIssue } from '../core/schema';
import { SecretKeyRef } from '../core/secret-ref';

/** The OIDC client secret. Never a bare string: a reference, or a plaintext opt-in that says what it does. */
export class OidcClientSecret {
  /** Read it from a key of an existing Secret (env var from `secretKeyRef`). The preferred choice. */
  public static fromSecret(secretName: string, key = 'client-secret'): OidcClientSecret {
    return new OidcClientSecret(SecretKeyRef.fromName(secretName, key), undefined);
  }

  /**
   * Write the secret into the synthesized manifests, in a Secret the construct creates. Anyone who can
   * read your Git repository or CI logs can read it. Only for throwaway clusters.
   */
  public static unsafePlaintextInManifests(value: string): OidcClientSecret {
    return new OidcClientSecret(undefined, value);
  }

  private constructor(
    /** @internal */ public readonly _ref: SecretKeyRef | undefined,
    /** @internal */ public readonly _plaintext: string | undefined,
  ) {}
}

/** A CA bundle to trust for the identity provider's TLS certificate (`-oidc-ca-file`). */
export class OidcCaCertificate {
  /** A key of an existing ConfigMap (CA certificates are public). */
  public static fromConfigMap(name: string, key = 'ca.crt'): OidcCaCertificate {
    return new OidcCaCertificate({ name: 'oidc-ca', configMap: { name, items: [{ key, path: 'ca.crt' }] } }, name, key);
  }

  /** A key of an existing Secret (e.g. cert-manager's `ca.crt`). */
  public static fromSecret(name: string, key = 'ca.crt'): OidcCaCertificate {
    return new OidcCaCertificate(
      { name: 'oidc-ca', secret: { secretName: name, items: [{ key, path: 'ca.crt' }] } },
      name,
      key,
    );
  }

  private constructor(
    /** @internal */ public readonly _volume: k8s.Volume,
    /** Name of the ConfigMap or Secret. */ public readonly sourceName: string,
    /** Key that holds the PEM bundle. */ public readonly key: string,
  ) {}

  /** @internal What is wrong with the names it was given. */
  public _issues(): ValueIssue[] {
    return [...checkValue(dnsSubdomain, this.sourceName, 'sourceName'), ...checkValue(secretKey, this.key, 'key')];
  }
}
