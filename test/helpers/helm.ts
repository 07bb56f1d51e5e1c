/** Runs the real, offline `helm` of scripts/helm-binary.js. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { helmBinary, helmEnv } = require('../../scripts/helm-binary');

/** Runs helm with an isolated HOME (no repositories, no cache outside a temp dir). */
export function helm(args: string[]): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-home-'));
  try {
    return execFileSync(helmBinary(), args, { encoding: 'utf8', env: helmEnv(home) });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
