import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { checkValue, dnsSubdomain, pattern, ValueIssue } from './schema';

/** An image reference pinned by tag (not `latest`) or digest. */
const IMAGE = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$/;

/** How plugins reach Headlamp's `-plugins-dir`. */
export class HeadlampPlugins {
  /**
   * Copy plugins from an image at start-up: an init container runs `cp -R <sourcePath>/. <plugins-dir>/`
   * into an emptyDir (so the image needs `cp`, as busybox/alpine-based plugin images have). Offline and
   * pinned, unlike the official chart's pluginctl sidecar, which fetches from npm/ArtifactHub at run time.
   */
  public static fromImage(image: string, options: { sourcePath?: string } = {}): HeadlampPlugins {
    return new HeadlampPlugins({ name: 'plugins', emptyDir: { sizeLimit: k8s.Quantity.fromString('256Mi') } },
      { image, sourcePath: options.sourcePath ?? '/plugins' });
  }

  /** Plugins already on a PersistentVolumeClaim (filled by another process), mounted read-only. */
  public static fromPersistentVolumeClaim(claimName: string): HeadlampPlugins {
    return new HeadlampPlugins({ name: 'plugins', persistentVolumeClaim: { claimName, readOnly: true } }, undefined);
  }

  private constructor(
    /** @internal */ public readonly _volume: k8s.Volume,
    /** @internal */ public readonly _copy: { image: string; sourcePath: string } | undefined,
  ) {}

  /** @internal What is wrong with what the factory was given. */
  public _issues(): ValueIssue[] {
    if (!this._copy) return checkValue(dnsSubdomain, this._volume.persistentVolumeClaim?.claimName, 'claimName');
    return [
      ...checkValue(pattern(IMAGE, "an image pinned by tag or digest, such as 'ghcr.io/acme/headlamp-plugins:1.2.0' (not 'latest')"), this._copy.image, 'image'),
      ...checkValue(pattern(/^\/[^\s]*$/, 'an absolute path'), this._copy.sourcePath, 'sourcePath'),
    ];
  }
}
