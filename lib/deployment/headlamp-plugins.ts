// HeadlampPlugins: where Headlamp's plugins come from (a plugin image copied by an init container, or the plugin
// manager).
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { checkValue, dnsSubdomain, pattern, quantity, str, ValueIssue } from '../core/schema';
import { PLUGINCTL_VERSION, pluginctlConfigIssues, unpinnedImageProblem } from './pluginctl-config';

/** An image reference pinned by tag (not `latest`) or digest. */
const IMAGE = new RegExp(
  String.raw`^([a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*` +
    String.raw`(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` +
    String.raw`(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$`,
);

/** Options of {@link HeadlampPlugins.fromPluginManager}. */
export interface PluginManagerOptions {
  /**
   * pluginctl's configuration (the official chart's `pluginsManager.configContent`): the plugins to install by
   * name, source and version, as YAML. Stored in a ConfigMap, watched for changes. Checked against pluginctl's
   * format: every plugin from `https://artifacthub.io/packages/...` and pinned to a `version`.
   */
  readonly config: string;
  /**
   * A Node.js image pinned to a full version or by digest, e.g. `node:22.11.0-alpine` (`node:22-alpine` and
   * `node:lts-alpine` move with every release).
   */
  readonly image: string;
  /**
   * The `@headlamp-k8s/pluginctl` version, pinned (not `latest`).
   * @default '0.1.1' (PLUGINCTL_VERSION, the published version)
   */
  readonly pluginctlVersion?: string;
  /**
   * CIDRs the sidecar may reach on 443 to download plugins (the npm registry, ArtifactHub, the plugins' hosts):
   * an egress rule of Headlamp's NetworkPolicy, which the sidecar shares. A deliberate, named choice.
   * @default - required unless unsafeAllowAnyDownloadHost
   */
  readonly downloadCidrs?: string[];
  /**
   * Let the sidecar download from any address on 443 (what the official chart does).
   * @default false
   */
  readonly unsafeAllowAnyDownloadHost?: boolean;
  /**
   * Size cap of the sidecar's writable `/tmp` (npm's cache and config live there; its root filesystem is read-only).
   * @default '512Mi'
   */
  readonly tmpSize?: string;
}

/** Options of {@link HeadlampPlugins.fromImage}. */
export interface PluginImageOptions {
  /**
   * Directory in the image whose contents are copied to the plugins directory.
   * @default '/plugins'
   */
  readonly sourcePath?: string;
}

/** How plugins reach Headlamp's `-plugins-dir`. */
export class HeadlampPlugins {
  /** The pluginctl version `fromPluginManager` runs (the only published one). */
  public static readonly PLUGINCTL_VERSION: string = PLUGINCTL_VERSION;

  /**
   * Copy plugins from an image at start-up: an init container runs `cp -R <sourcePath>/. <plugins-dir>/`
   * into an emptyDir (so the image needs `cp`, as busybox/alpine-based plugin images have). Offline and
   * pinned, unlike the official chart's pluginctl sidecar, which fetches from npm/ArtifactHub at run time.
   */
  public static fromImage(image: string, options: PluginImageOptions = {}): HeadlampPlugins {
    return new HeadlampPlugins(
      { name: 'plugins', emptyDir: { sizeLimit: k8s.Quantity.fromString('256Mi') } },
      { image, sourcePath: options.sourcePath ?? '/plugins' },
    );
  }

  /** Plugins already on a PersistentVolumeClaim (filled by another process), mounted read-only. */
  public static fromPersistentVolumeClaim(claimName: string): HeadlampPlugins {
    return new HeadlampPlugins({ name: 'plugins', persistentVolumeClaim: { claimName, readOnly: true } }, undefined);
  }

  /**
   * The official chart's plugin manager: a hardened sidecar runs `@headlamp-k8s/pluginctl install --watch` and
   * installs plugins by name into a shared emptyDir, which Headlamp mounts read-only. It downloads at run time,
   * so its egress is an explicit choice (`downloadCidrs`, or `unsafeAllowAnyDownloadHost` by name) and its only
   * writable paths are the plugins directory and its own `/tmp`. Prefer {@link fromImage} (pinned, offline).
   */
  public static fromPluginManager(options: PluginManagerOptions): HeadlampPlugins {
    return new HeadlampPlugins(
      { name: 'plugins', emptyDir: { sizeLimit: k8s.Quantity.fromString('256Mi') } },
      undefined,
      options,
    );
  }

  private constructor(
    /** @internal */ public readonly _volume: k8s.Volume,
    /** @internal */ public readonly _copy: { image: string; sourcePath: string } | undefined,
    /** @internal */ public readonly _manager?: PluginManagerOptions,
  ) {}

  /** @internal What is wrong with what the factory was given. */
  public _issues(): ValueIssue[] {
    const m = this._manager;
    if (m) {
      const image = checkValue(
        pattern(IMAGE, "an image pinned by tag or digest, such as 'node:22.11.0-alpine' (not 'latest')"),
        m.image,
        'image',
      );
      const unpinned = image.length === 0 ? unpinnedImageProblem(m.image) : undefined;
      const config = checkValue(str('the pluginctl configuration (YAML)'), m.config, 'config');
      const issues = [
        ...image,
        ...(unpinned ? [{ path: ['image'], message: unpinned }] : []),
        ...(m.pluginctlVersion !== undefined
          ? checkValue(
              pattern(
                /^\d+\.\d+\.\d+([-+][\w.]+)?$/,
                `a pinned pluginctl version such as '${PLUGINCTL_VERSION}' (not 'latest')`,
              ),
              m.pluginctlVersion,
              'pluginctlVersion',
            )
          : []),
        ...(config.length ? config : pluginctlConfigIssues(m.config, 'config')),
        ...(m.tmpSize !== undefined ? checkValue(quantity, m.tmpSize, 'tmpSize') : []),
        ...(m.downloadCidrs ?? []).flatMap((c, i) =>
          checkValue(pattern(/^[0-9a-fA-F:.]+\/\d{1,3}$/, "a CIDR such as '104.16.0.0/12'"), c, `downloadCidrs[${i}]`),
        ),
      ];
      if (!m.downloadCidrs?.length && !m.unsafeAllowAnyDownloadHost) {
        issues.push({
          path: ['downloadCidrs'],
          message:
            'expected the CIDRs the plugin manager may download from, got none; ' +
            'or set unsafeAllowAnyDownloadHost: true (any address on 443, as the official chart allows)',
        });
      }
      return issues;
    }
    if (!this._copy) return checkValue(dnsSubdomain, this._volume.persistentVolumeClaim?.claimName, 'claimName');
    return [
      ...checkValue(
        pattern(
          IMAGE,
          "an image pinned by tag or digest, such as 'ghcr.io/acme/headlamp-plugins:1.2.0' (not 'latest')",
        ),
        this._copy.image,
        'image',
      ),
      ...checkValue(pattern(/^\/[^\s]*$/, 'an absolute path'), this._copy.sourcePath, 'sourcePath'),
    ];
  }
}
