/** Runs the real, offline `helm` of scripts/helm-binary.js (with an isolated HOME: no repositories, no cache outside a temp dir). */
const shared = require('../../scripts/helm-binary');

/** Runs helm with an isolated HOME and returns its stdout. */
export const helm: (args: string[]) => string = shared.helm;
