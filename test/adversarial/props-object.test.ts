// Props that are not an object at all (null, undefined where props are required, a string, an array, a number):
// refused in our words, naming only the kind (a string given as props is never echoed), not in zod's.
import { Testing } from 'cdk8s';
import { HeadlampChart, HeadlampDeployment, HeadlampIngress, LoginServiceAccount, UserAccess } from '../../lib';
import { errorOf } from '../helpers/doors';

const chart = () => Testing.chart();

describe('props that are not an object are refused in our words', () => {
  test.each<[string, () => unknown, string]>([
    [
      'HeadlampDeployment, null',
      () => new HeadlampDeployment(chart(), 'h', null as never),
      "HeadlampDeployment 'test/h': props: expected a props object, got null",
    ],
    [
      'HeadlampDeployment, a string',
      () => new HeadlampDeployment(chart(), 'h', 'replicas: 2' as never),
      "HeadlampDeployment 'test/h': props: expected a props object, got a string",
    ],
    [
      'HeadlampDeployment, an array',
      () => new HeadlampDeployment(chart(), 'h', [] as never),
      "HeadlampDeployment 'test/h': props: expected a props object, got an array",
    ],
    [
      'HeadlampDeployment, a number',
      () => new HeadlampDeployment(chart(), 'h', 2 as never),
      "HeadlampDeployment 'test/h': props: expected a props object, got a number",
    ],
    [
      'HeadlampIngress, undefined',
      () => new HeadlampIngress(chart(), 'i', undefined as never),
      "HeadlampIngress 'test/i': props: expected a props object, got undefined",
    ],
    [
      'HeadlampIngress, null',
      () => new HeadlampIngress(chart(), 'i', null as never),
      "HeadlampIngress 'test/i': props: expected a props object, got null",
    ],
    [
      'UserAccess, a string',
      () => new UserAccess(chart(), 'u', 'alice' as never),
      "UserAccess 'test/u': props: expected a props object, got a string",
    ],
    [
      'LoginServiceAccount, null',
      () => new LoginServiceAccount(chart(), 'l', null as never),
      "LoginServiceAccount 'test/l': props: expected a props object, got null",
    ],
    [
      'HeadlampChart, null',
      () => new HeadlampChart(Testing.app(), 'c', null as never),
      "HeadlampChart 'c': props: expected a props object, got null",
    ],
  ])('%s', (_case, build, message) => {
    expect(errorOf(build).message).toBe(message);
  });
});
