// A pinned image older than a flag the migration passes on its own (the chart's default context name and session TTL):
// the flag is left out, with a note; one the values ask for is still refused.
import { flagSince, HeadlampFlag, isOlder, parseVersion } from '../../core/headlamp-flags';
import { Migration } from './context';

/**
 * Settings the migration passes whatever the values say (the chart's defaults): the values key, the prop, the flag,
 * what the image does without it.
 */
const DEFAULTED: ReadonlyArray<
  readonly [key: string, prop: 'inClusterContextName' | 'sessionTtl', flag: HeadlampFlag, without: string]
> = [
  [
    'config.inClusterContextName',
    'inClusterContextName',
    'in-cluster-context-name',
    'its in-cluster context is named main all the same',
  ],
  ['config.sessionTTL', 'sessionTtl', 'session-ttl', 'its sessions last 24 hours, the same as the default'],
];

/**
 * With `image.tag` older than one of {@link DEFAULTED}'s flags, and the value not given in the values: the flag is
 * not passed (the chart passes its default, which stops that image at start with an unknown flag). A value the
 * values give is kept, and refused by the Deployment with the version it needs.
 */
export function olderImage(m: Migration): void {
  const tag = m.props.image?.tag;
  const version = tag ? parseVersion(tag) : undefined;
  if (!version) return;
  for (const [key, prop, flag, without] of DEFAULTED) {
    const given = m.config[key.split('.')[1]];
    if (
      m.props[prop] === undefined ||
      (given !== undefined && given !== '' && !m.nulls.includes(key)) ||
      !isOlder(version, flagSince(flag))
    )
      continue;
    delete m.props[prop];
    m.note(
      key,
      `not passed: image ${tag} has no -${flag} (v${flagSince(flag)}+), and ${without}; the chart passes its ` +
        'default, which stops that image at start (an unknown flag)',
      [flag],
    );
  }
}
