/**
 * Headlamp's effective settings from a rendered Deployment (args with `$(VAR)` expanded, plus HEADLAMP_CONFIG_* env):
 * scripts/effective-flags.js, shared with the corpus measurement (scripts/migration-corpus.js), typed here.
 */
export type EffectiveFlags = Record<string, string>;

const shared = require('../../scripts/effective-flags');

/** The effective flags of the Headlamp container (named `headlamp`) of the Deployment among `objects`. */
export const effectiveFlags: (objects: any[]) => EffectiveFlags = shared.effectiveFlags;

/** Flags whose effective values differ between two renderings. */
export const differingFlags: (a: EffectiveFlags, b: EffectiveFlags) => string[] = shared.differingFlags;
