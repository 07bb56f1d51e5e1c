/**
 * Jest for `npm run test:real`: suites that start the real components (oauth2-proxy, Traefik, NGINX, the API
 * server's identity code) on loopback. They build what they need on first use (scripts/real/) and never skip in CI.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/real'],
  testPathIgnorePatterns: [],
  // Building a component can take minutes on a fresh machine; a suite's beforeAll waits for it.
  testTimeout: 30 * 60 * 1000,
  maxWorkers: 1,
};
