// The Headlamp image: its options and their schema, its reference, the Headlamp version its tag names and the flags
// that version accepts.
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail } from '../core/errors';
import { flagVersionProblem, HEADLAMP_VERSION, parseVersion } from '../core/headlamp-flags';
import { OwnedFlag } from '../core/pod-contribution';
import { dnsLabel, lazy, oneOf, pattern } from '../core/schema';

/** When the kubelet pulls the image. */
export enum ImagePullPolicy {
  /** Pull on every start. */
  ALWAYS = 'Always',
  /** Pull only when the node lacks the image (right for pinned tags and digests). */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull. */
  NEVER = 'Never',
}

/** The Headlamp container image. */
export interface HeadlampImage {
  /**
   * Registry host (and port).
   * @default 'ghcr.io'
   */
  readonly registry?: string;
  /**
   * Repository path in the registry.
   * @default 'headlamp-k8s/headlamp'
   */
  readonly repository?: string;
  /**
   * Image tag. Flags are gated on the version it names (`v0.43.0` and later for proxy auth, ...);
   * a tag that is not a version (a custom build) is assumed to be as new as the library's default.
   * `latest` is refused: it changes under you.
   * @default 'v0.45.0'; none with a `digest` alone
   */
  readonly tag?: string;
  /**
   * Content digest (`sha256:...`); when set the image is pinned by it (`repository:tag@digest`, or with no tag
   * `repository@digest`, a custom build whose version is then assumed to be the library's default).
   * @default - pinned by tag only
   */
  readonly digest?: string;
  /**
   * Pull policy.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly pullPolicy?: ImagePullPolicy;
  /**
   * Names of existing `kubernetes.io/dockerconfigjson` Secrets for a private registry.
   * @default - none
   */
  readonly pullSecrets?: string[];
}

const REGISTRY = /^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?(:[0-9]+)?$/;
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * @internal The one pinning rule for every image the library runs (Headlamp, pod-debug and node-shell images, the
 * plugin manager's Node): a digest pins it; a tag pins it only when it names a full version `x.y.z` (`v0.45.0`,
 * `1.37.0`, `3.20.3-r0`). `latest`, `stable`, a major (`22`, `22-alpine`) or a minor (`v0.44`, `3.20`) move with
 * every release. For the Headlamp image alone, a tag that is no version at all names a custom build.
 */
export function namesFullVersion(tag: string): boolean {
  return /^v?\d+\.\d+\.\d+/.test(tag);
}

/** Whether a tag looks like a version but names only a major or a minor (`v0.44`, `3.20`, `22-alpine`): it moves. */
function floatingVersion(tag: string): boolean {
  return /^v?\d+(\.\d+)?([-+_.][A-Za-z0-9._-]*)?$/.test(tag) && !namesFullVersion(tag);
}

/** @internal The schema of HeadlampImage. */
export const imageSchema = lazy(() =>
  z
    .strictObject({
      registry: z
        .string()
        .refine((r) => !r.includes('@'), {
          error: 'expected a registry host without user info (pull credentials belong in pullSecrets), got <redacted>',
          abort: true,
          params: { complete: true },
        })
        .pipe(pattern(REGISTRY, "a registry host such as 'ghcr.io' or 'registry.example.com:5000'"))
        .optional(),
      repository: pattern(REPOSITORY, "a lower-case repository path such as 'headlamp-k8s/headlamp'").optional(),
      tag: pattern(TAG, `an image tag such as 'v${HEADLAMP_VERSION}'`)
        .refine((t) => t !== 'latest', {
          error: `expected a pinned tag such as 'v${HEADLAMP_VERSION}', not 'latest' (it changes under you)`,
        })
        .optional(),
      digest: pattern(DIGEST, "a digest 'sha256:' followed by 64 hex digits").optional(),
      pullPolicy: oneOf(ImagePullPolicy, 'ImagePullPolicy').optional(),
      pullSecrets: z.array(dnsLabel).optional(),
    })
    .superRefine((image, ctx) => {
      if (image.tag && !image.digest && floatingVersion(image.tag)) {
        const message =
          `expected a tag naming a full version such as 'v${HEADLAMP_VERSION}' (or a digest beside it): a major ` +
          'or minor tag moves with every release';
        ctx.addIssue({ code: 'custom', path: ['tag'], message });
      }
    }),
);

/** @internal The image to run, and the Headlamp version its tag names. */
export interface ResolvedImage {
  /**
   * `registry/repository:tag`, with `@digest` when pinned by digest (`registry/repository@digest` with a digest alone).
   */
  readonly reference: string;
  /** The tag, or the library's default version when pinned by digest alone (flags are gated as for it). */
  readonly tag: string;
  /** The version the tag names; a tag that is no version (a custom build) counts as the library's default. */
  readonly version: [number, number, number];
}

/** @internal The image the options name, with the library's defaults. */
export function resolveImage(image: HeadlampImage = {}): ResolvedImage {
  const tag = image.tag ?? `v${HEADLAMP_VERSION}`;
  const repository = `${image.registry ?? 'ghcr.io'}/${image.repository ?? 'headlamp-k8s/headlamp'}`;
  return {
    reference:
      image.digest && !image.tag
        ? `${repository}@${image.digest}`
        : `${repository}:${tag}` + (image.digest ? `@${image.digest}` : ''),
    tag,
    version: parseVersion(tag) ?? parseVersion(HEADLAMP_VERSION)!,
  };
}

/**
 * @internal Refuses flags the image cannot take (too new for it, or read from env it ignores), naming the prop that
 * asked for each.
 */
export function refuseFlagsNewerThanImage(
  scope: Construct,
  constructType: string,
  flags: readonly OwnedFlag[],
  image: ResolvedImage,
): void {
  for (const f of flags) {
    const problem = flagVersionProblem(f, image.version, image.tag);
    if (problem) fail(scope, constructType, f.prop, problem);
  }
}
