// BasicAuthIngress: HeadlampIngress gated by HTTP basic auth (ingress-nginx annotations or a Traefik Middleware).
import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import {
  BasicAuthCredentials,
  DEFAULT_BCRYPT_COST,
  deterministicBcrypt,
  MIN_HASH_KEY_LENGTH,
  MIN_PASSWORD_LENGTH,
  SynthTimeSecret,
} from '../auth/basic-auth-credentials';
import { fail, parseProps } from '../core/errors';
import { assertUniqueNames } from '../core/metadata';
import { HeadlampIngressProps, IngressController, ingressShape } from './ingress-options';
import { renderIngress, traefikMiddleware } from './render-ingress';
import { bool, dnsSubdomain, instance, int, lazy, pattern, sameShape, str } from '../core/schema';

/** Secret key ingress-nginx reads htpasswd lines from (`auth-secret-type: auth-file`). */
export const NGINX_AUTH_KEY = 'auth';

/** The one Secret key Traefik's basicAuth reads (a second key is an error). */
export const TRAEFIK_USERS_KEY = 'users';

/** Props of {@link BasicAuthIngress}. */
export interface BasicAuthIngressProps extends HeadlampIngressProps {
  /** Who may pass the gate. */
  readonly credentials: BasicAuthCredentials;
  /**
   * Realm shown in the browser's password prompt (no quotes).
   * @default 'Headlamp'
   */
  readonly realm?: string;
  /**
   * Traefik v2's `traefik.containo.us/v1alpha1` API group instead of v3's `traefik.io/v1alpha1`.
   * LEGACY: Traefik v2 is end of life; only for clusters that still run it.
   * @default false
   */
  readonly legacyTraefikV2ApiGroup?: boolean;
}

const USERNAME = /^[^:\s]+$/;
const HTPASSWD_LINE = new RegExp(
  String.raw`^[^:\s]+:(\$2[abxy]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}` +
    String.raw`|\$apr1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|\{SHA\}[A-Za-z0-9+/]{27}=)$`,
);

const synthSecret = lazy(() =>
  instance(SynthTimeSecret, 'SynthTimeSecret.fromEnv(...) or SynthTimeSecret.fromFile(...)'),
);
const credentialsSchema = lazy(() =>
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('existing'),
        secretName: z
          .string()
          .refine((n) => !n.includes('/'), {
            error:
              "expected a Secret in the Ingress's namespace, not '<namespace>/<name>' (ingress-nginx refuses " +
              "cross-namespace auth-secret since v1.12; Traefik reads the Secret from the Middleware's namespace)",
            abort: true,
          })
          .pipe(dnsSubdomain),
      }),
      z.strictObject({
        kind: z.literal('htpasswd'),
        lines: z
          .array(
            pattern(HTPASSWD_LINE, "an htpasswd line 'user:hash' with a bcrypt ($2y$/$2b$/$2a$), $apr1$ or {SHA} hash"),
          )
          .refine((xs) => xs.length > 0, { error: 'expected at least one htpasswd line' })
          .refine((xs) => new Set(xs.map((l) => l.split(':')[0])).size === xs.length, {
            error: 'expected distinct user names',
          }),
      }),
      z.strictObject({
        kind: z.literal('hash'),
        users: z
          .array(
            z.strictObject({
              username: pattern(USERNAME, "a user name without ':' or whitespace"),
              password: synthSecret(),
            }),
          )
          .refine((xs) => xs.length > 0, { error: 'expected at least one user' })
          .refine((xs) => new Set(xs.map((u) => u.username)).size === xs.length, {
            error: 'expected distinct user names',
          }),
        hashKey: synthSecret(),
        cost: int(4, 14).optional(),
      }),
    ],
    { error: 'expected BasicAuthCredentials.fromExistingSecret(...), .fromHtpasswdLines(...) or .hashAtSynth(...)' },
  ),
);

const propsSchema = lazy(() =>
  z.strictObject({
    ...ingressShape(),
    credentials: instance(
      BasicAuthCredentials,
      'BasicAuthCredentials.fromExistingSecret(...), .fromHtpasswdLines(...) or .hashAtSynth(...)',
    ),
    realm: str('a realm')
      .regex(/^[^"\\]*$/, { error: 'expected a realm without quotes or backslashes' })
      .optional(),
    legacyTraefikV2ApiGroup: bool.optional(),
  }),
);
sameShape<z.output<ReturnType<typeof propsSchema>>, BasicAuthIngressProps>(true);

const TYPE = 'BasicAuthIngress';

/**
 * A username/password gate in front of Headlamp at the ingress (Headlamp's basic-auth guide), for
 * ingress-nginx (annotations, Secret key `auth`) or Traefik (a `basicAuth` Middleware with
 * `removeHeader: true`, Secret key `users`). The gate only guards the UI: users still log in to
 * Kubernetes behind it (token or OIDC).
 */
export class BasicAuthIngress extends Construct {
  /** The key of the htpasswd Secret ingress-nginx reads (`auth-secret-type: auth-file`). */
  public static readonly NGINX_AUTH_KEY: string = NGINX_AUTH_KEY;
  /** The one Secret key Traefik's basicAuth reads. */
  public static readonly TRAEFIK_USERS_KEY: string = TRAEFIK_USERS_KEY;

  /** The Ingress. */
  public readonly ingress: k8s.KubeIngress;
  /** The htpasswd Secret, when the construct writes one. */
  public readonly secret?: k8s.KubeSecret;
  /** Traefik's basicAuth Middleware (Traefik only). */
  public readonly middleware?: ApiObject;
  /** Name of the Secret the controller reads. */
  public readonly secretName: string;

  constructor(scope: Construct, id: string, props: BasicAuthIngressProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const source = parseProps(this, TYPE, credentialsSchema(), p.credentials._source, 'props.credentials');
    const controller = p.controller ?? IngressController.TRAEFIK;
    const name = p.name ?? p.headlamp.name;
    const realm = p.realm ?? 'Headlamp';
    const key = controller === IngressController.TRAEFIK ? TRAEFIK_USERS_KEY : NGINX_AUTH_KEY;
    const labels = { ...p.headlamp.labels, ...p.labels };

    if (p.legacyTraefikV2ApiGroup && controller !== IngressController.TRAEFIK) {
      fail(
        this,
        TYPE,
        'props.legacyTraefikV2ApiGroup',
        `applies to Traefik only, got true with controller ${controller}`,
      );
    }

    if (source.kind === 'existing') {
      this.secretName = source.secretName;
    } else {
      this.secretName = `${name}-basic-auth`;
      const lines = source.kind === 'htpasswd' ? source.lines : this.hashUsers(source);
      this.secret = new k8s.KubeSecret(this, 'Secret', {
        metadata: { name: this.secretName, labels },
        type: 'Opaque',
        // Exactly one key: Traefik refuses a second one, ingress-nginx reads only `auth`.
        data: { [key]: Buffer.from(`${lines.join('\n')}\n`).toString('base64') },
      });
    }

    let annotations: Record<string, string> = {};
    let traefikMiddlewares: string[] = [];
    if (controller === IngressController.TRAEFIK) {
      const middlewareName = `${name}-basic-auth`;
      this.middleware = traefikMiddleware(
        this,
        'Middleware',
        {
          metadata: { name: middlewareName, labels },
          spec: { basicAuth: { secret: this.secretName, realm, removeHeader: true } },
        },
        p.legacyTraefikV2ApiGroup,
      );
      // The Middleware lives in the Ingress's namespace, which is how Traefik resolves `<ns>-<name>@kubernetescrd`.
      traefikMiddlewares = [middlewareName];
    } else {
      annotations = {
        'nginx.ingress.kubernetes.io/auth-type': 'basic',
        'nginx.ingress.kubernetes.io/auth-secret': this.secretName,
        'nginx.ingress.kubernetes.io/auth-secret-type': 'auth-file',
        'nginx.ingress.kubernetes.io/auth-realm': realm,
      };
    }
    // ingress-nginx passes the browser's Authorization header on; Traefik's basicAuth here removes it (removeHeader).
    const forwardsCredentials =
      controller === IngressController.INGRESS_NGINX
        ? "the user's basic-auth password (Authorization: Basic)"
        : undefined;
    this.ingress = renderIngress(this, TYPE, {
      ...p,
      extraAnnotations: annotations,
      traefikMiddlewares,
      forwardsCredentials,
    });
    assertUniqueNames(this, TYPE);
  }

  /** Reads each password and the key at synth time and hashes deterministically. */
  private hashUsers(source: {
    users: Array<{ username: string; password: SynthTimeSecret }>;
    hashKey: SynthTimeSecret;
    cost?: number;
  }): string[] {
    const hashKey = source.hashKey._readAtLeast(
      this,
      TYPE,
      'props.credentials.hashKey',
      MIN_HASH_KEY_LENGTH,
      'key',
      '',
      '; generate one with `openssl rand -base64 48` and keep it in your CI secret store',
    );
    return source.users.map((user, i) => {
      const password = user.password._readAtLeast(
        this,
        TYPE,
        `props.credentials.users[${i}].password`,
        MIN_PASSWORD_LENGTH,
        'password',
        ` for '${user.username}'`,
      );
      const hash = deterministicBcrypt(user.username, password, hashKey, source.cost ?? DEFAULT_BCRYPT_COST);
      return `${user.username}:${hash}`;
    });
  }
}
