// Values files: the same schemas and error messages as the TypeScript API, through the library
// function and through the CLI a pipeline runs.
import { App, Testing } from 'cdk8s';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { headlampChartFromValues, HeadlampValidationError } from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, parseYaml } from './helpers/synth';

const ROOT = path.resolve(__dirname, '..');
const VALUES = path.join(ROOT, 'examples', 'values', 'keycloak.yaml');
const base = () => parse(fs.readFileSync(VALUES, 'utf8'));

describe('headlampChartFromValues', () => {
  test('the example values give an OIDC Headlamp with HA, size and session TTL', () => {
    const objects = Testing.synth(headlampChartFromValues(new App(), 'headlamp', base()));
    const container = only(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.args).toEqual(expect.arrayContaining([
      '-oidc-idp-issuer-url=https://sso.example.com/realms/platform', '-oidc-client-secret=$(OIDC_CLIENT_SECRET)', '-session-ttl=28800',
    ]));
    expect(container.resources.requests).toStrictEqual({ cpu: '50m', memory: '96Mi' });
    expect(only(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(only(objects, 'Ingress').metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
    expect(validateAll(objects)).toEqual([]);
  });

  test.each<[string, (v: any) => void, string]>([
    ['a HeadlampDeployment field is wrong', (v) => { v.headlamp.replicas = 0; }, "HeadlampDeployment 'headlamp/headlamp': props.replicas: expected an integer >= 1, got 0"],
    ['a HeadlampDeployment field is misspelled', (v) => { v.headlamp.replica = 2; }, "HeadlampDeployment 'headlamp/headlamp': props: unknown prop 'replica'"],
    ['an OIDC option is wrong', (v) => { v.auth.options.realm = 'a/b'; }, "HeadlampDeployment 'headlamp/headlamp': props.auth.oidc.realm: expected a realm name without spaces or slashes, got \"a/b\""],
    ['the auth type is unknown', (v) => { v.auth.type = 'saml'; }, "values: values.auth.type: expected auth.type 'token' or 'oidc', got \"saml\""],
    ['tls is missing', (v) => { delete v.tls; }, "values: values.tls: expected { secretName: '...' } or { certManagerClusterIssuer: '...' }, got undefined"],
    ['the host is invalid', (v) => { v.host = 'not a host'; }, "HeadlampChart 'headlamp': props.host: expected a fully qualified host name such as 'headlamp.example.com', got \"not a host\""],
  ])('fails when %s, naming the field', (_case, mutate, message) => {
    const v = base();
    mutate(v);
    expect(() => headlampChartFromValues(new App(), 'headlamp', v)).toThrow(HeadlampValidationError);
    expect(() => headlampChartFromValues(new App(), 'headlamp', v)).toThrow(message);
  });
});

describe('cdk8s-headlamp CLI (compiled; npm test builds first)', () => {
  const cli = path.join(ROOT, 'bin', 'cdk8s-headlamp.js');
  const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));

  test('renders manifests from a values file', () => {
    const dir = path.join(out(), 'h');
    execFileSync(process.execPath, [cli, '--values', VALUES, '--out', dir], { cwd: ROOT });
    const objects = parseYaml(fs.readFileSync(path.join(dir, 'headlamp.k8s.yaml'), 'utf8'));
    expect(objects.map((o) => o.kind)).toContain('Deployment');
    expect(validateAll(objects)).toEqual([]);
  });

  test('renders a Helm chart with --helm', () => {
    const dir = path.join(out(), 'h');
    execFileSync(process.execPath, [cli, '--values', VALUES, '--out', dir, '--helm'], { cwd: ROOT });
    expect(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')).toContain('name: headlamp');
    expect(fs.existsSync(path.join(dir, 'templates', 'headlamp.k8s.yaml'))).toBe(true);
  });

  test('a bad field exits 1 with the field named, no stack trace', () => {
    const bad = path.join(out(), 'bad.yaml');
    fs.writeFileSync(bad, fs.readFileSync(VALUES, 'utf8').replace('replicas: 2', 'replicas: 0'));
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [cli, '--values', bad, '--out', path.join(out(), 'x')], { cwd: ROOT, stdio: 'pipe' });
    } catch (err: any) {
      stderr = String(err.stderr);
      status = err.status;
    }
    expect(status).toBe(1);
    expect(stderr.trim()).toBe("HeadlampDeployment 'headlamp/headlamp': props.replicas: expected an integer >= 1, got 0");
  });
});
