// Theme names and the app name as Headlamp v0.45.0 reads them (issue 27, class 9). The built-in themes are named in
// frontend/src/components/App/defaultAppThemes.ts ('Light', 'Dark', 'Headlamp Classic', 'Lights Out',
// 'Monochrome Light') and compared as written. -app-name is "Application name used in version output and Kubernetes
// User-Agent headers" (backend/pkg/config/config.go, addGeneralFlags; validateAppName refuses C0 controls but tab).
import { HeadlampDeployment, HeadlampDeploymentProps } from '../../lib';
import { errorOf, migrationError, valuesError, valuesWith } from '../helpers/doors';
import { testChart } from '../helpers/synth';

const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);
const APP = "expected an application name such as 'Platform Console' (one line, no surrounding spaces), got ";

describe('theme names', () => {
  test.each<[string, string]>([
    ['headlamp classic', 'Headlamp Classic'],
    ['DARK', 'Dark'],
    ['LightsOut', 'Lights Out'],
  ])('%s is refused', (given, near) => {
    expect(errorOf(build({ themes: { force: given } })).message).toBe(
      "HeadlampDeployment 'test/headlamp': props.themes.force: expected the " +
        `built-in theme spelled as Headlamp names it, ${JSON.stringify(near)} (it compares names exactly), got ${JSON.stringify(given)}`,
    );
  });

  test('the built-in names as written, and a plugin theme, pass', () => {
    expect(build({ themes: { defaultLight: 'Monochrome Light', defaultDark: 'Headlamp Classic' } })).not.toThrow();
    expect(build({ themes: { force: 'Corporate Blue' } })).not.toThrow();
  });

  test('the values file and the chart migration', () => {
    expect(valuesError(valuesWith({ themes: { defaultDark: 'dark' } }))).toContain(
      'values: headlamp.themes.defaultDark: expected the built-in theme ' + 'spelled as Headlamp names it, "Dark"',
    );
    expect(migrationError({ config: { extraArgs: ['-force-theme=headlamp classic'] } })).toContain(
      'config.extraArgs[0]: expected the built-in ' + 'theme spelled as Headlamp names it, "Headlamp Classic"',
    );
  });
});

describe('the app name is one line of text (a User-Agent header value)', () => {
  test.each<[string, string]>([
    ['a line separator', 'Ops\u2028Console'],
    ['a paragraph separator', 'Ops\u2029Console'],
    ['a next-line control (C1)', 'Ops\u0085Console'],
    ['a tab (Headlamp lets it through)', 'Ops\tConsole'],
    ['DEL', 'Ops\u007fConsole'],
    ['a newline', 'Ops\nX-Injected: 1'],
  ])('%s is refused', (_case, appName) => {
    expect(errorOf(build({ appName })).message).toBe(
      `HeadlampDeployment 'test/headlamp': props.appName: ${APP}${JSON.stringify(appName)}`,
    );
  });

  test('the values file and the chart migration', () => {
    expect(valuesError(valuesWith({ appName: 'Ops\u2028Console' }))).toBe(
      `values: headlamp.appName: ${APP}"Ops\u2028Console"`,
    );
    expect(migrationError({ config: { extraArgs: ['-app-name=Ops\u0085Console'] } })).toContain(
      `config.extraArgs[0]: ${APP}`,
    );
  });

  test('Unicode text passes', () => {
    expect(build({ appName: 'Konsole für Betrieb' })).not.toThrow();
  });
});
