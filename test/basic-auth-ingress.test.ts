import * as bcrypt from 'bcryptjs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  BasicAuthIngressProps,
  HeadlampDeployment,
  HeadlampValidationError,
  IngressController,
  IngressTls,
  SynthTimeSecret,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

const LINE = 'alice:$2b$08$c5xTiWEgEdpOL3au.rHA1efPMtpRqE7GqcVCxiab3GqV4BXOQuZR6';
const KEY = 'x'.repeat(40);

function render(extra: Partial<BasicAuthIngressProps>) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp');
  new BasicAuthIngress(chart, 'ingress', {
    headlamp,
    hosts: ['headlamp.example.com'],
    tls: IngressTls.fromSecret('tls'),
    credentials: BasicAuthCredentials.fromHtpasswdLines([LINE]),
    ...extra,
  });
  const objects = synth(chart);
  return { objects, ingress: only(objects, 'Ingress') };
}

function withEnv<T>(env: Record<string, string>, fn: () => T): T {
  Object.assign(process.env, env);
  try {
    return fn();
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
}

const hashed = (pw: string, key = KEY, cost?: number) =>
  withEnv({ T_PW: pw, T_KEY: key }, () =>
    render({
      credentials: BasicAuthCredentials.hashAtSynth({
        users: [{ username: 'alice', password: SynthTimeSecret.fromEnv('T_PW') }],
        hashKey: SynthTimeSecret.fromEnv('T_KEY'),
        cost,
      }),
    }),
  );
const secretText = (objects: any[], key: string) => Buffer.from(only(objects, 'Secret').data[key], 'base64').toString();

describe('BasicAuthIngress on ingress-nginx', () => {
  test('auth annotations name the Secret; the Secret has only key auth', () => {
    const { objects, ingress } = render({ controller: IngressController.INGRESS_NGINX, realm: 'Ops only' });
    expect(ingress.metadata.annotations).toStrictEqual({
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/auth-type': 'basic',
      'nginx.ingress.kubernetes.io/auth-secret': 'headlamp-basic-auth',
      'nginx.ingress.kubernetes.io/auth-secret-type': 'auth-file',
      'nginx.ingress.kubernetes.io/auth-realm': 'Ops only',
    });
    expect(Object.keys(only(objects, 'Secret').data)).toEqual(['auth']);
    expect(secretText(objects, 'auth')).toBe(`${LINE}\n`);
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(validateAll(objects)).toEqual([]);
  });

  test('an existing Secret is only referenced', () => {
    const { objects, ingress } = render({
      controller: IngressController.INGRESS_NGINX,
      credentials: BasicAuthCredentials.fromExistingSecret('users'),
    });
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/auth-secret']).toBe('users');
  });
});

describe('BasicAuthIngress on Traefik', () => {
  test('a traefik.io Middleware with removeHeader, referenced as <ns>-<name>@kubernetescrd; Secret key users only', () => {
    const { objects, ingress } = render({});
    const mw = only(objects, 'Middleware', 'headlamp-basic-auth');
    expect(mw.apiVersion).toBe('traefik.io/v1alpha1');
    expect(mw.metadata).toMatchObject({ name: 'headlamp-basic-auth', namespace: 'headlamp' });
    expect(mw.spec).toStrictEqual({
      basicAuth: { secret: 'headlamp-basic-auth', realm: 'Headlamp', removeHeader: true },
    });
    // HSTS first, then the gate.
    expect(ingress.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe(
      'headlamp-headlamp-hsts@kubernetescrd,headlamp-headlamp-basic-auth@kubernetescrd',
    );
    expect(ingress.metadata.namespace).toBe(mw.metadata.namespace);
    expect(Object.keys(only(objects, 'Secret').data)).toEqual(['users']);
    expect(validateAll(objects)).toEqual([]);
  });

  test('legacy Traefik v2 group only by its name', () => {
    const { objects } = render({ legacyTraefikV2ApiGroup: true });
    const mw = only(objects, 'Middleware', 'headlamp-basic-auth');
    expect(mw.apiVersion).toBe('traefik.containo.us/v1alpha1');
    expect(only(objects, 'Middleware', 'headlamp-hsts').apiVersion).toBe('traefik.containo.us/v1alpha1');
    expect(mw.spec.basicAuth.removeHeader).toBe(true);
  });
});

describe('BasicAuthCredentials.hashAtSynth', () => {
  test('deterministic: same inputs, same hash (quiet GitOps diffs)', () => {
    expect(secretText(hashed('a-long-password-1').objects, 'users')).toBe(
      secretText(hashed('a-long-password-1').objects, 'users'),
    );
  });

  test('the hash verifies, and changes with the key or the password', () => {
    const line = secretText(hashed('a-long-password-1').objects, 'users').trim();
    const hash = line.split(':')[1];
    expect(bcrypt.compareSync('a-long-password-1', hash)).toBe(true);
    expect(hash).not.toBe(
      secretText(hashed('a-long-password-1', 'y'.repeat(40)).objects, 'users')
        .trim()
        .split(':')[1],
    );
    expect(hash.slice(0, 29)).not.toBe(
      secretText(hashed('a-long-password-2').objects, 'users').trim().split(':')[1].slice(0, 29),
    );
  });

  test('cost factor is configurable', () => {
    expect(secretText(hashed('a-long-password-1', KEY, 10).objects, 'users')).toMatch(/^alice:\$2b\$10\$/);
  });

  test('no plaintext password anywhere in the output', () => {
    const { objects } = hashed('find-me-if-you-can');
    const all = JSON.stringify(objects);
    expect(all).not.toContain('find-me-if-you-can');
    expect(all).not.toContain(Buffer.from('find-me-if-you-can').toString('base64'));
    expect(secretText(objects, 'users')).not.toContain('find-me-if-you-can');
  });

  test('reads passwords from files too', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pw-')), 'pw');
    fs.writeFileSync(file, 'file-password-123\n');
    const { objects } = withEnv({ T_KEY: KEY }, () =>
      render({
        credentials: BasicAuthCredentials.hashAtSynth({
          users: [{ username: 'u', password: SynthTimeSecret.fromFile(file) }],
          hashKey: SynthTimeSecret.fromEnv('T_KEY'),
        }),
      }),
    );
    expect(bcrypt.compareSync('file-password-123', secretText(objects, 'users').trim().split(':')[1])).toBe(true);
  });
});

describe('BasicAuthIngress validation', () => {
  const prefix = "BasicAuthIngress 'test/ingress': ";
  const users = (list: Array<[string, string]>, key = 'T_KEY') =>
    BasicAuthCredentials.hashAtSynth({
      users: list.map(([username, env]) => ({ username, password: SynthTimeSecret.fromEnv(env) })),
      hashKey: SynthTimeSecret.fromEnv(key),
    });
  test.each<[string, Partial<BasicAuthIngressProps>, string]>([
    [
      'a user name has a colon',
      { credentials: users([['al:ice', 'T_PW']]) },
      'props.credentials.users[0].username: expected a user name without \':\' or whitespace, got "al:ice"',
    ],
    [
      'users repeat',
      {
        credentials: users([
          ['a', 'T_PW'],
          ['a', 'T_PW'],
        ]),
      },
      'props.credentials.users: expected distinct user names, got an array of 2',
    ],
    [
      'there are no users',
      { credentials: users([]) },
      'props.credentials.users: expected at least one user, got an array of 0',
    ],
    [
      'the password is short',
      { credentials: users([['alice', 'T_SHORT']]) },
      "props.credentials.users[0].password: expected environment variable T_SHORT to hold a password of at least 12 characters for 'alice', got 5 characters",
    ],
    [
      'the password variable is unset',
      { credentials: users([['alice', 'T_UNSET']]) },
      "props.credentials.users[0].password: expected environment variable T_UNSET to hold a password of at least 12 characters for 'alice', got nothing (unset or missing)",
    ],
    [
      'the hash key is missing',
      { credentials: users([['alice', 'T_PW']], 'T_NOKEY') },
      'props.credentials.hashKey: expected environment variable T_NOKEY to hold a key of at least 32 characters, got nothing (unset or missing); generate one with `openssl rand -base64 48` and keep it in your CI secret store',
    ],
    [
      'an htpasswd line is plaintext',
      { credentials: BasicAuthCredentials.fromHtpasswdLines(['alice:secret']) },
      "props.credentials.lines[0]: expected an htpasswd line 'user:hash' with a bcrypt ($2y$/$2b$/$2a$), $apr1$ or {SHA} hash, got <redacted>",
    ],
    [
      'htpasswd users repeat',
      { credentials: BasicAuthCredentials.fromHtpasswdLines([LINE, LINE]) },
      'props.credentials.lines: expected distinct user names, got an array of 2',
    ],
    [
      'the realm has a quote',
      { realm: 'say "hi"' },
      'props.realm: expected a realm without quotes or backslashes, got "say \\"hi\\""',
    ],
    [
      'the Secret is in another namespace',
      {
        controller: IngressController.INGRESS_NGINX,
        credentials: BasicAuthCredentials.fromExistingSecret('other/users'),
      },
      "props.credentials.secretName: expected a Secret in the Ingress's namespace, not '<namespace>/<name>' (ingress-nginx refuses cross-namespace auth-secret since v1.12; Traefik reads the Secret from the Middleware's namespace), got \"other/users\"",
    ],
    [
      'the cost is too high',
      {
        credentials: BasicAuthCredentials.hashAtSynth({
          users: [],
          hashKey: SynthTimeSecret.fromEnv('T_KEY'),
          cost: 20,
        }),
      },
      'props.credentials.users: expected at least one user, got an array of 0\n' +
        prefix +
        'props.credentials.cost: expected an integer from 4 to 14, got 20',
    ],
    [
      'the legacy group is asked for ingress-nginx',
      { controller: IngressController.INGRESS_NGINX, legacyTraefikV2ApiGroup: true },
      'props.legacyTraefikV2ApiGroup: applies to Traefik only, got true with controller ingress-nginx',
    ],
  ])('fails when %s', (_case, extra, message) => {
    withEnv({ T_PW: 'long-enough-password', T_SHORT: 'short', T_KEY: KEY }, () => {
      expect(() => render(extra)).toThrow(HeadlampValidationError);
      expect(() => render(extra)).toThrow(prefix + message);
    });
  });
});
