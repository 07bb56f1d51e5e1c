// HeadlampAuth: how users log in to Headlamp (token, OIDC, identity-aware proxy, unsafe shared token), each mode's
// contribution to the pod.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail, parseProps } from '../core/errors';
import { LoginRole } from './login-role';
import { clusterScoped } from '../core/metadata';
import { OidcConfig } from './oidc-config';
import type { AuthContext, AuthContribution } from './auth-contribution';
import { lazy, pattern } from '../core/schema';
import {
  DEFAULT_PROXY_AUTH_HEADERS,
  ProxyAuthHeader,
  ProxyAuthHeaders,
  resolveProxyAuthHeaders,
} from './proxy-auth-headers';

// Header names: HTTP tokens without '_' (ingress-nginx drops headers with underscores).
const headerName = lazy(() => pattern(/^[A-Za-z0-9-]+$/, "an HTTP header name of letters, digits and '-'"));
const headersSchema = lazy(() =>
  z.strictObject({
    username: headerName().optional(),
    groups: headerName().optional(),
    email: headerName().optional(),
    token: headerName().optional(),
  }),
);

/** The login modes Headlamp supports. */
export enum HeadlampAuthMode {
  /** Users paste a Kubernetes bearer token (e.g. from `kubectl create token`). */
  SERVICE_ACCOUNT_TOKEN = 'service-account-token',
  /** Users sign in with an OpenID Connect identity provider. */
  OIDC = 'oidc',
  /** An identity-aware proxy authenticates and passes identity headers (`-proxy-auth`). */
  IDENTITY_AWARE_PROXY = 'identity-aware-proxy',
  /** Everyone shares Headlamp's own ServiceAccount (`-unsafe-use-service-account-token`). */
  UNSAFE_SHARED_SERVICE_ACCOUNT = 'unsafe-shared-service-account',
}

/** Options of {@link HeadlampAuth.unsafeSharedServiceAccountToken}. */
export interface SharedServiceAccountTokenOptions {
  /**
   * The role bound cluster-wide to Headlamp's ServiceAccount.
   * @default LoginRole.view()
   */
  readonly role?: LoginRole;
}

/** Options of {@link HeadlampAuth.identityAwareProxy}. */
export interface IdentityAwareProxyOptions {
  /**
   * Header names (Headlamp's defaults unless set).
   * @default - X-Forwarded-User, X-Forwarded-Group, X-Forwarded-Email, X-Forwarded-Id-Token
   */
  readonly headers?: ProxyAuthHeaders;
  /**
   * You run your own proxy in front, not an `OAuth2ProxyFrontend` of this library. Without a proxy that
   * strips client copies of these headers, anyone can claim any identity.
   * @default false
   */
  readonly unsafeExternalProxy?: boolean;
}

/**
 * How users log in to Headlamp. Pick one with a static factory; one mode per deployment, so
 * conflicting modes cannot be combined.
 */
export class HeadlampAuth {
  /** Headlamp's default identity headers (identity-aware-proxy mode), which the library keeps unless given. */
  public static readonly DEFAULT_PROXY_AUTH_HEADERS: ProxyAuthHeaders = DEFAULT_PROXY_AUTH_HEADERS;

  /**
   * Token login (Headlamp's default): users paste a Kubernetes token; every API call runs with that
   * token's RBAC. Pair it with {@link LoginServiceAccount} to hand out least-privilege tokens.
   */
  public static serviceAccountToken(): HeadlampAuth {
    return new HeadlampAuth(HeadlampAuthMode.SERVICE_ACCOUNT_TOKEN, () => ({}));
  }

  /** OIDC login ("Sign in" button) with a provider preset or a generic {@link OidcConfig}. */
  public static oidc(config: OidcConfig): HeadlampAuth {
    return new HeadlampAuth(HeadlampAuthMode.OIDC, (scope, ctx) =>
      config._bind(scope, { ...ctx, propPath: 'props.auth.oidc' }),
    );
  }

  /**
   * Identity-aware proxy (`-proxy-auth`, Headlamp v0.43+): the proxy authenticates and sends the user,
   * groups, email and ID token in headers. Pair it with an `OAuth2ProxyFrontend` in forward-auth mode,
   * which strips client copies of every one of these headers; synth fails without one unless
   * `unsafeExternalProxy` says you run your own.
   */
  public static identityAwareProxy(options: IdentityAwareProxyOptions = {}): HeadlampAuth {
    const headers = resolveProxyAuthHeaders(options.headers);
    return new HeadlampAuth(
      HeadlampAuthMode.IDENTITY_AWARE_PROXY,
      (scope, ctx) => {
        parseProps(scope, ctx.constructType, headersSchema(), options.headers ?? {}, 'props.auth.headers');
        const names = headers.map((h) => h.name.toLowerCase());
        const twice = names.find((n, i) => names.indexOf(n) !== i);
        if (twice)
          fail(
            scope,
            ctx.constructType,
            'props.auth.headers',
            `expected four distinct header names, got ${twice} twice`,
          );
        return {
          flags: [
            { flag: 'proxy-auth', value: true, prop: 'props.auth' },
            ...headers.map((h) => ({ flag: h.flag, value: h.name, prop: 'props.auth.headers' })),
          ],
        };
      },
      headers,
      options.unsafeExternalProxy ?? false,
    );
  }

  /**
   * No login at all: every visitor acts as Headlamp's own ServiceAccount (`-unsafe-use-service-account-token`,
   * Headlamp v0.43+), which this binds to `role` cluster-wide. Anyone who reaches the UI gets that role: only
   * behind an authenticating proxy you trust, or on a throwaway cluster.
   */
  public static unsafeSharedServiceAccountToken(options: SharedServiceAccountTokenOptions = {}): HeadlampAuth {
    return new HeadlampAuth(HeadlampAuthMode.UNSAFE_SHARED_SERVICE_ACCOUNT, (scope, ctx) => {
      const role = options.role ?? LoginRole.view();
      if (!role.clusterWideAllowed) {
        fail(
          scope,
          ctx.constructType,
          'props.auth.role',
          `the ${role.kind} '${role.roleName}' cannot be bound cluster-wide, got it for the shared token; ` +
            'use LoginRole.view(), LoginRole.fromClusterRole(...) or LoginRole.clusterAdmin()',
        );
      }
      clusterScoped(
        new k8s.KubeClusterRoleBinding(scope, 'SharedTokenBinding', {
          metadata: { name: `${ctx.namespace}-${ctx.name}-shared-token`, labels: ctx.labels },
          subjects: [{ kind: 'ServiceAccount', name: ctx.name, namespace: ctx.namespace }],
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: role.roleName },
        }),
      );
      return { flags: [{ flag: 'unsafe-use-service-account-token', value: true, prop: 'props.auth' }] };
    });
  }

  private constructor(
    /** The login mode. */
    public readonly mode: HeadlampAuthMode,
    private readonly binder: (scope: Construct, ctx: AuthContext) => AuthContribution,
    /** Identity headers Headlamp trusts (identity-aware-proxy mode only). */
    public readonly proxyHeaders: ProxyAuthHeader[] = [],
    /** @internal */ public readonly _unsafeExternalProxy = false,
  ) {}

  /** @internal What this mode adds to Headlamp's pod (flags, env, volumes), and its callback URL and token identity. */
  public _bind(scope: Construct, ctx: AuthContext): AuthContribution {
    return this.binder(scope, ctx);
  }
}
