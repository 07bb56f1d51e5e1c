#!/usr/bin/env node
// cdk8s-headlamp: renders a hardened Headlamp from a values file (docs/values.md), for pipelines and teams
// that do not write TypeScript. Every field goes through the constructs' own schemas.
// Exit codes: 0 done (or --help/--version), 1 the values file is wrong (not a YAML/JSON mapping, hostile YAML,
// invalid values), 2 a usage error, an unreadable file, or an output directory it refuses to touch.
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const HELP = `Usage: cdk8s-headlamp --values FILE [--out DIR] [--helm] [--name NAME]
       cdk8s-headlamp --chart-values FILE [--out DIR] [--helm] [--name NAME] [--namespace NS] [--public-url URL]
                      [--substitute NAME=VALUE] [--strict] [--unsafe-...]

Renders Headlamp's Kubernetes manifests (or a Helm chart) from a values file of cdk8s-headlamp (--values), or
migrates a values.yaml of the official Headlamp Helm chart 0.45 (--chart-values), printing one "note:" line
per value carried over differently and why.

Options:
  --values FILE   values file, YAML or JSON (format: docs/values.md in the package)
  --chart-values FILE
                  values.yaml of the official Headlamp chart (0.45 schema) to migrate; a key the chart does not
                  have is ignored with a note (--strict: an error), and a value that needs an unsafe choice
                  exits 2 naming the key and the way out
  --namespace NS  (--chart-values) namespace when the values set no namespaceOverride      default: headlamp
  --public-url URL
                  (--chart-values) https origin users reach Headlamp at, for the OIDC callback URL when the
                  values have neither config.oidc.callbackURL nor an ingress host
  --unsafe-plaintext-secrets
                  (--chart-values) write a client secret from the values into the manifests
  --unsafe-shared-service-account-token
                  (--chart-values) keep config.unsafeUseServiceAccountToken (bound to view)
  --unsafe-plain-http-service
                  (--chart-values) keep a NodePort or LoadBalancer Service
  --unsafe-plugin-downloads-from-any-host
                  (--chart-values) keep pluginsManager, downloading from any address on 443
  --gateway-provides-session-affinity
                  (--chart-values) with OIDC login, replicaCount 2+ and httpRoute: your Gateway keeps each
                  browser on one Headlamp pod (Headlamp keeps a login in the pod that started it)
  --unsafe-oidc-skip-tls-verify
                  (--chart-values) keep -oidc-skip-tls-verify from config.extraArgs or env (Headlamp then
                  trusts any certificate of the identity provider)
  --unsafe-run-as-root
                  (--chart-values) keep runAsUser: 0 from securityContext or podSecurityContext (Headlamp
                  runs as root; the rest of the hardening stays)
  --unsafe-external-identity-proxy
                  (--chart-values) keep -proxy-auth of config.extraArgs behind the forward-auth gate of the
                  ingress annotations (your oauth2-proxy), whose auth-response-headers must list every
                  identity header Headlamp then believes
  --tls-terminated-upstream WHERE
                  (--chart-values) an ingress without tls: TLS ends in front of the ingress controller at
                  load-balancer, tunnel or edge-proxy (from there to the controller it is plain HTTP)
  --gateway-listener NAME
                  (--chart-values) the Gateway's HTTPS listener (sectionName) for an httpRoute parentRef
                  that names none
  --ingress-controller-namespace NS
                  (--chart-values) the namespace of the ingress controller's (or the Gateway's) pods, which
                  Headlamp's NetworkPolicy admits (k3s: Traefik in kube-system)   default: traefik / ingress-nginx
  --ingress-controller-labels K=V,...
                  (--chart-values) the labels of those pods        default: the controller's usual Helm labels
  --substitute NAME=VALUE
                  (--chart-values) the value of a Flux post-build variable (\${NAME} or \${NAME:=default}
                  in the values); repeat it for each. With any given, every placeholder is resolved (by its
                  value, else its default) or refused; without, placeholders are carried as written for the
                  Kustomization that applies the output to substitute
  --substitute-file FILE
                  (--chart-values) NAME=VALUE lines (an env file: # comments and blank lines skipped, an
                  optional 'export ', a value in matching quotes unquoted), read before --substitute
  --strict        (--chart-values) keys the official chart does not have are errors (by default the chart
                  ignores them, and so does the migration, with a note each)
  --typescript FILE
                  (--chart-values) also write a cdk8s app (main.ts) with the typed API, equivalent to the values:
                  a starting point to copy. An existing file is never overwritten
  --out DIR       output directory; created if missing. A directory that cdk8s-headlamp
                  did not write (no .cdk8s-headlamp file) must be empty: nothing of yours
                  is ever deleted, only the files of the previous run are replaced.   default: out/NAME
                  Nothing outside DIR is ever written: a symbolic link in it is refused
                  by name, and so is a write that would replace the values file itself.
  --helm          write a Helm chart (Chart.yaml, values.yaml, templates/) instead of
                  plain manifests (NAME.k8s.yaml)
  --name NAME     release name: chart id, Helm chart name and output file name        default: headlamp
  -h, --help      print this help and exit
  -V, --version   print the versions of cdk8s-headlamp and the Headlamp image it pins, and exit

Exit codes: 0 done; 1 a values file that is not one YAML/JSON mapping (a list, empty, binary, not UTF-8,
over 1 MiB, YAML aliases expanding too far) or invalid values (one line per problem, each naming the key);
2 usage error, unreadable values file, or an output directory it refuses (not ours, a symbolic link in it,
or it would replace the values file).`;

/** A usage or file problem: one line on stderr, exit 2. */
class UsageError extends Error {}
/** A problem with what the input file says: its own lines on stderr, exit 1. */
class InputError extends Error {}

function options(argv) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        values: { type: 'string' },
        'chart-values': { type: 'string' },
        namespace: { type: 'string' },
        'public-url': { type: 'string' },
        'unsafe-plaintext-secrets': { type: 'boolean' },
        'unsafe-shared-service-account-token': { type: 'boolean' },
        'unsafe-plain-http-service': { type: 'boolean' },
        'unsafe-plugin-downloads-from-any-host': { type: 'boolean' },
        'gateway-provides-session-affinity': { type: 'boolean' },
        'unsafe-oidc-skip-tls-verify': { type: 'boolean' },
        'unsafe-run-as-root': { type: 'boolean' },
        'unsafe-external-identity-proxy': { type: 'boolean' },
        'tls-terminated-upstream': { type: 'string' },
        'gateway-listener': { type: 'string' },
        'ingress-controller-namespace': { type: 'string' },
        'ingress-controller-labels': { type: 'string' },
        strict: { type: 'boolean' },
        substitute: { type: 'string', multiple: true },
        'substitute-file': { type: 'string' },
        typescript: { type: 'string' },
        out: { type: 'string' },
        helm: { type: 'boolean' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(`${err.message.split('\n')[0].replace(/\. To specify.*$/, '')}; see --help`);
  }
}

/** The values file as plain data: a mapping, or a refusal naming the file (exit 2 unreadable, 1 bad content). */
function readValues(file, migrating) {
  const { InputFileError, readYamlMapping } = require('../dist/lib/core/input-file');
  try {
    return readYamlMapping(
      file,
      migrating
        ? {
            what: 'values file',
            expected: "the official Headlamp chart's values (its values.yaml)",
            emptyIsEmptyMapping: true,
          }
        : { what: 'values file', expected: 'keys such as namespace and host (docs/values.md)' },
    );
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    throw err.unreadable ? new UsageError(err.message) : new InputError(err.message);
  }
}

/** Checks the options that need no file; returns the release name. */
function checkUsage(opts) {
  if (!opts.values === !opts['chart-values'])
    throw new UsageError('give --values FILE or --chart-values FILE (one of them); see --help');
  for (const flag of [
    'namespace',
    'public-url',
    'unsafe-plaintext-secrets',
    'unsafe-shared-service-account-token',
    'unsafe-plain-http-service',
    'unsafe-plugin-downloads-from-any-host',
    'gateway-provides-session-affinity',
    'unsafe-oidc-skip-tls-verify',
    'unsafe-run-as-root',
    'unsafe-external-identity-proxy',
    'tls-terminated-upstream',
    'gateway-listener',
    'ingress-controller-namespace',
    'ingress-controller-labels',
    'strict',
    'substitute',
    'substitute-file',
    'typescript',
  ]) {
    if (opts[flag] !== undefined && !opts['chart-values'])
      throw new UsageError(`--${flag} applies to --chart-values only; see --help`);
  }
  const name = opts.name ?? 'headlamp';
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name))
    throw new UsageError(`--name: expected a DNS-1035 label such as 'headlamp', got ${JSON.stringify(name)}`);
  return name;
}

/** One NAME=VALUE of --substitute or of a line of --substitute-file (`where`), as [name, value]. */
function substitution(text, where) {
  const eq = text.indexOf('=');
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
  if (eq <= 0) throw new UsageError(`${where}: expected NAME=VALUE, got ${shown}`);
  const value = text.slice(eq + 1);
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  return [text.slice(0, eq).trim(), quoted ? quoted[2] : value];
}

/** The Flux variables of --substitute-file, then --substitute (a later one wins); undefined when neither is given. */
function substitutions(opts) {
  if (opts['substitute-file'] === undefined && opts.substitute === undefined) return undefined;
  const pairs = [];
  if (opts['substitute-file'] !== undefined) {
    let text;
    try {
      text = fs.readFileSync(opts['substitute-file'], 'utf8');
    } catch (err) {
      throw new UsageError(`--substitute-file: cannot read ${opts['substitute-file']}: ${err.code ?? err.message}`);
    }
    text.split(/\r?\n/).forEach((line, i) => {
      const body = line.trim().replace(/^export\s+/, '');
      const where = `--substitute-file ${opts['substitute-file']} line ${i + 1}`;
      if (body && !body.startsWith('#')) pairs.push(substitution(body, where));
    });
  }
  for (const text of opts.substitute ?? []) pairs.push(substitution(text, '--substitute'));
  return Object.fromEntries(pairs);
}

/** Synthesizes the values into YAML text (and the migration's notes and TypeScript). */
function render(lib, opts, name, values) {
  const { App } = require('cdk8s');
  const app = new App();
  let notes = [];
  let typescript;
  try {
    if (opts['chart-values']) {
      ({ notes, typescript } = lib.migrateChartValues(app, values, {
        releaseName: name,
        namespace: opts.namespace,
        publicUrl: opts['public-url'],
        unsafePlaintextSecrets: opts['unsafe-plaintext-secrets'],
        unsafeSharedServiceAccountToken: opts['unsafe-shared-service-account-token'],
        unsafePlainHttpService: opts['unsafe-plain-http-service'],
        unsafePluginDownloadsFromAnyHost: opts['unsafe-plugin-downloads-from-any-host'],
        gatewayProvidesSessionAffinity: opts['gateway-provides-session-affinity'],
        unsafeOidcSkipTlsVerify: opts['unsafe-oidc-skip-tls-verify'],
        unsafeRunAsRoot: opts['unsafe-run-as-root'],
        unsafeExternalIdentityProxy: opts['unsafe-external-identity-proxy'],
        tlsTerminatedUpstream: opts['tls-terminated-upstream'],
        gatewayListener: opts['gateway-listener'],
        ingressControllerNamespace: opts['ingress-controller-namespace'],
        ingressControllerLabels: opts['ingress-controller-labels'],
        strict: opts.strict,
        substitute: substitutions(opts),
      }));
    } else {
      lib.headlampChartFromValues(app, name, values);
    }
    return { yamlText: app.synthYaml(), notes, typescript };
  } catch (err) {
    if (err instanceof lib.ChartMigrationRefusal) throw new UsageError(err.message);
    if (err instanceof lib.HeadlampValidationError) throw new InputError(err.message);
    throw err;
  }
}

/** --typescript FILE: a new file, not one of the outputs, in an existing directory (or the output directory); checked before anything is written. */
function checkTypescriptTarget(file, plan) {
  const target = path.resolve(file);
  if (Object.keys(plan.files).some((rel) => path.join(plan.root, rel) === target)) {
    throw new UsageError(`--typescript: ${file} is one of the files --out writes; give another path`);
  }
  let st;
  try {
    st = fs.lstatSync(target);
  } catch {
    // Missing: the one acceptable state.
  }
  if (st) throw new UsageError(`--typescript: ${file} exists; it is never overwritten`);
  let dir;
  try {
    dir = fs.statSync(path.dirname(target));
  } catch {
    // Reported below.
  }
  if (!dir?.isDirectory() && path.dirname(target) !== plan.root) {
    throw new UsageError(`--typescript: ${path.dirname(target)} is not an existing directory; create it first`);
  }
}

function main(argv) {
  const opts = options(argv);
  const pkg = require('../package.json');
  if (opts.help) return (console.log(HELP), 0);
  const lib = require('../dist/lib');
  if (opts.version)
    return (console.log(`cdk8s-headlamp ${pkg.version} (Headlamp v${lib.HeadlampDeployment.HEADLAMP_VERSION})`), 0);
  const name = checkUsage(opts);
  const valuesFile = opts.values ?? opts['chart-values'];
  const { yamlText, notes, typescript } = render(lib, opts, name, readValues(valuesFile, !!opts['chart-values']));
  const { OutputDirError, applyOutputs, planOutputs, refuseLinkedWay } = require('../dist/lib/core/output-dir');
  const out = path.resolve(opts.out ?? path.join('out', name));
  let files = { [`${name}.k8s.yaml`]: yamlText };
  if (opts.helm) {
    const { chartFiles } = require('../scripts/helm-chart');
    files = chartFiles(
      {
        name,
        version: pkg.version,
        appVersion: lib.HeadlampDeployment.HEADLAMP_VERSION,
        description: `Headlamp (cdk8s-headlamp, from ${path.basename(valuesFile)})`,
      },
      files,
    );
  }
  try {
    // Everything is checked before the first write: the output directory, then the --typescript file.
    const plan = planOutputs(out, files, { inputs: [valuesFile] });
    if (opts.typescript) checkTypescriptTarget(opts.typescript, plan);
    if (opts.typescript) refuseLinkedWay(opts.typescript, plan.root);
    for (const file of applyOutputs(plan)) console.log(file);
    if (opts.typescript) {
      fs.writeFileSync(opts.typescript, typescript, { flag: 'wx' });
      console.log(path.resolve(opts.typescript));
    }
  } catch (err) {
    if (err instanceof OutputDirError) throw new UsageError(err.message);
    if (err.code && err.syscall) throw new UsageError(`cannot write ${err.path ?? opts.typescript}: ${err.code}`);
    throw err;
  }
  for (const n of notes) console.log(`note: ${n.key}: ${n.message}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`cdk8s-headlamp: ${err.message}`);
    process.exitCode = 2;
  } else if (err instanceof InputError) {
    console.error(err.message);
    process.exitCode = 1;
  } else {
    // A bug of ours, not a problem with the input: say so in one line; the stack only on request.
    console.error(
      `cdk8s-headlamp: internal error: ${err.message} (set CDK8S_HEADLAMP_DEBUG=1 for the stack; please report it)`,
    );
    if (process.env.CDK8S_HEADLAMP_DEBUG) console.error(err.stack);
    process.exitCode = 70;
  }
}
