// ingress-nginx annotations that rewrite a request's path before it reaches Headlamp: the /metrics block matches the
// path the browser sent, so a rewrite onto <base-url>/metrics would serve the metrics through any other path.
import type { HeadlampDeployment } from '../deployment/headlamp-deployment';

/**
 * ingress-nginx annotations that change the path sent upstream: `rewrite-target` (with `use-regex`, captures such as
 * `/$1` make any path a rewrite of the request) and `use-regex` itself (regex paths on the host turn every location of
 * the host into regex locations, ingress-nginx docs "Ingress path matching").
 */
const REWRITING = /^nginx\.ingress\.kubernetes\.io\/(rewrite-target|use-regex)$/;

/**
 * @internal Why a user annotation on the route could rewrite a request onto `<base-url>/metrics` past the block, or
 * undefined: with metrics on, ingress-nginx's path rewriting annotations.
 */
export function rewritesOntoMetrics(key: string, headlamp: HeadlampDeployment): string | undefined {
  if (!headlamp.metricsPath || !REWRITING.test(key)) return undefined;
  return (
    `rewrites the path sent to Headlamp after the block of ${headlamp.metricsPath} has matched the browser's path, ` +
    'so any path could be rewritten onto the metrics, got it with metrics on; drop it (Headlamp serves every page ' +
    'under its base URL as is)'
  );
}
