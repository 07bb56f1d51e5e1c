/**
 * Issue 25: the request spellings of `<base-url>/metrics` every route kind must refuse (root and non-root base URL),
 * as raw request targets: the path; `%2F` for each slash, and every slash; `%6d`-style letters (each, all, both hex
 * cases); `//`, `/./` (and `%2e`), `/../`; query strings; a trailing `;x`; case variants; and near misses (a trailing
 * slash or `%2F`). A target may not start with `/` (the leading slash encoded): a server answers it 400.
 */
export function metricsSpellings(base: string): Array<[string, string]> {
  const full = `${base}/metrics`;
  const out: Array<[string, string]> = [['the path', full]];
  [...full].forEach((c, i) => {
    if (c === '/') out.push([`%2F for the slash at ${i}`, `${full.slice(0, i)}%2F${full.slice(i + 1)}`]);
  });
  out.push(['every slash as %2f', full.replace(/\//g, '%2f')]);
  const hex = (c: string) => `%${c.charCodeAt(0).toString(16)}`;
  const word = 'metrics';
  [...word].forEach((c, i) => {
    out.push([`%-encoded letter ${c}`, `${base}/${word.slice(0, i)}${hex(c)}${word.slice(i + 1)}`]);
  });
  out.push(['every letter encoded, upper-case hex', `${base}/${[...word].map((c) => hex(c).toUpperCase()).join('')}`]);
  if (base) out.push(['a base URL letter encoded', `${base.slice(0, 2)}${hex(base[2])}${base.slice(3)}/metrics`]);
  out.push(
    ['a doubled slash', `${base}//metrics`],
    ['a leading doubled slash', `/${full}`],
    ['a dot segment', `${base}/./metrics`],
    ['an encoded dot segment', `${base}/%2e/metrics`],
    ['a dot-dot segment', `${base}/x/../metrics`],
    ['a dot-dot segment after the path', `${full}/../metrics`],
    ['an encoded dot-dot segment', `${base}/x/%2e%2e/metrics`],
    ['a query', `${full}?name[]=headlamp_http_requests_total`],
    ['an empty query', `${full}?`],
    ['a trailing ;x', `${full};x`],
    ['a trailing ;', `${full};`],
    ['an encoded ;x', `${full}%3Bx`],
    ['upper case', `${base}/METRICS`],
    ['mixed case', `${base}/Metrics`],
    ['a trailing slash', `${full}/`],
    ['a trailing %2F', `${full}%2F`],
  );
  if (base) out.push(['the base URL in upper case', `${base.toUpperCase()}/metrics`]);
  return out;
}

/** What the Headlamp stand-in serves at <base-url>/metrics (test/real/headlamp-standin/main.go, MetricsBody). */
export const METRICS_MARK = 'headlamp_http_requests_total';
/** What it serves for every other path under the base URL (UIBody). */
export const UI_BODY = '<html>headlamp-ui</html>';
