// End to end: the htpasswd data the library synthesizes, served by a real NGINX (auth_basic) and checked
// by Apache's htpasswd -v. Proves the hash format works in the verifiers the controllers use.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  HeadlampDeployment,
  IngressController,
  IngressTls,
  SynthTimeSecret,
} from '../lib';
import { basic, describeWithTools, get, RunningNginx, startNginx, which } from './helpers/nginx';
import { only, synth, testChart } from './helpers/synth';

const USERS: Record<string, string> = {
  alice: 'correct horse battery staple',
  bob: 'Tr0ub4dor&3-but-longer',
  'carol.ops': 'pässwörd mit ümläuten',
};

/** Synthesizes a BasicAuthIngress whose passwords come from env vars; returns the Secret's decoded data. */
function synthHtpasswd(controller: IngressController): string {
  const env: Record<string, string> = { TEST_BASIC_AUTH_HASH_KEY: 'k'.repeat(48) };
  Object.entries(USERS).forEach(([, pw], i) => {
    env[`TEST_BASIC_AUTH_PW_${i}`] = pw;
  });
  Object.assign(process.env, env);
  try {
    const chart = testChart();
    new BasicAuthIngress(chart, 'ingress', {
      headlamp: new HeadlampDeployment(chart, 'headlamp'),
      controller,
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
      credentials: BasicAuthCredentials.hashAtSynth({
        users: Object.keys(USERS).map((username, i) => ({
          username,
          password: SynthTimeSecret.fromEnv(`TEST_BASIC_AUTH_PW_${i}`),
        })),
        hashKey: SynthTimeSecret.fromEnv('TEST_BASIC_AUTH_HASH_KEY'),
      }),
    });
    const data = only(synth(chart), 'Secret').data;
    const key = controller === IngressController.TRAEFIK ? 'users' : 'auth';
    expect(Object.keys(data)).toEqual([key]);
    return Buffer.from(data[key], 'base64').toString('utf8');
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
}

describeWithTools(['nginx'], 'ingress-nginx auth data against a real NGINX auth_basic', () => {
  let nginx: RunningNginx;

  beforeAll(async () => {
    const htpasswd = synthHtpasswd(IngressController.INGRESS_NGINX);
    // A static file behind auth_basic: `return 200` would answer before the access phase checks the password.
    nginx = await startNginx(
      `
      root {{dir}}/www;
      location / {
        auth_basic "Headlamp";
        auth_basic_user_file {{dir}}/htpasswd;
      }`,
      { htpasswd: htpasswd, 'www/index.html': 'headlamp-ui\n' },
    );
  });

  afterAll(async () => nginx?.stop());

  test.each(Object.entries(USERS))('%s with the right password gets 200 and the page', async (user, password) => {
    const reply = await get(nginx.port, '/', basic(user, password));
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('headlamp-ui\n');
  });

  test('a wrong password gets 401', async () => {
    expect((await get(nginx.port, '/', basic('alice', 'correct horse battery stapler'))).status).toBe(401);
  });

  test('an unknown user gets 401', async () => {
    expect((await get(nginx.port, '/', basic('mallory', USERS.alice))).status).toBe(401);
  });

  test('no credentials get 401 with the realm', async () => {
    const reply = await get(nginx.port, '/');
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Basic realm="Headlamp"');
  });
});

describeWithTools(['htpasswd'], 'Traefik users lines against Apache htpasswd -v', () => {
  let file: string;
  beforeAll(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'htpasswd-')), 'users');
    fs.writeFileSync(file, synthHtpasswd(IngressController.TRAEFIK));
  });

  const verify = (user: string, password: string) => {
    try {
      execFileSync(which('htpasswd')!, ['-vb', file, user, password], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  };

  test.each(Object.entries(USERS))('%s verifies', (user, password) => {
    expect(verify(user, password)).toBe(true);
  });

  test('a wrong password does not verify', () => {
    expect(verify('bob', 'Tr0ub4dor&3-but-longe')).toBe(false);
  });

  test('lines are bcrypt $2b$ at the default cost 8', () => {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(Object.keys(USERS));
    for (const l of lines) expect(l).toMatch(/^[^:]+:\$2b\$08\$[./A-Za-z0-9]{53}$/);
  });
});
