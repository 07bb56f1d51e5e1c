export { HeadlampValidationError, ValidationIssue } from './errors';
export { HEADLAMP_PORT, HEADLAMP_VERSION, HeadlampFlag } from './headlamp-flags';
export { HeadlampAuth, HeadlampAuthMode } from './headlamp-auth';
export * from './headlamp-deployment';
export * from './login-service-account';
