// The end-to-end suites (real NGINX, htpasswd) never skip silently: locally a missing tool stands in as a test named
// SKIPPED with the packages to install, and under CI=true it fails.
import { isCi, missingTools, toolsVerdict } from './helpers/nginx';

test.each<[string | undefined, boolean]>([
  [undefined, false],
  ['', false],
  ['0', false],
  ['false', false],
  ['true', true],
  ['1', true],
  ['TRUE', true],
])('CI=%j counts as CI: %s', (value, ci) => {
  expect(isCi(value === undefined ? {} : { CI: value })).toBe(ci);
});

test('nothing missing: the suite runs', () => {
  expect(toolsVerdict([], { CI: 'true' })).toEqual({ kind: 'run' });
});

test('locally a missing tool skips with a test named SKIPPED that says what to install', () => {
  expect(toolsVerdict(['nginx'], {})).toEqual({
    kind: 'skip',
    title: 'SKIPPED: nginx not installed — install nginx, apache2-utils, libnginx-mod-http-set-misc',
    message:
      'nginx not installed: install nginx, apache2-utils, libnginx-mod-http-set-misc (apt-get install nginx apache2-utils libnginx-mod-http-set-misc); CI runs these',
  });
});

test('under CI=true a missing tool fails the suite instead of skipping it', () => {
  expect(toolsVerdict(['htpasswd', 'ngx_http_set_misc_module.so'], { CI: 'true' })).toEqual({
    kind: 'fail',
    title: 'needs htpasswd, ngx_http_set_misc_module.so',
    message:
      'htpasswd, ngx_http_set_misc_module.so not installed, and CI=true: end-to-end suites never skip in CI; ' +
      'install nginx, apache2-utils, libnginx-mod-http-set-misc (apt-get install nginx apache2-utils libnginx-mod-http-set-misc)',
  });
});

test('a command or a dynamic module that is not there is missing', () => {
  expect(missingTools(['surely-not-a-command-cdk8s-headlamp'], ['ngx_surely_not_a_module'])).toEqual([
    'surely-not-a-command-cdk8s-headlamp',
    'ngx_surely_not_a_module.so',
  ]);
  expect(missingTools(['node'])).toEqual([]);
});
