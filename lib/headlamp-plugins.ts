import { k8s } from 'cdk8s-plus-28';

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
}
