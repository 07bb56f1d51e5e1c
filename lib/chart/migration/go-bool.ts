// Go's strconv.ParseBool, as Headlamp's flags read a boolean: the migration's one reading of a flag's true or false.
import { refuse } from './context';

const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/**
 * A boolean flag's value as Headlamp's Go flags read it: undefined (the bare flag) is true, then ParseBool's spellings;
 * anything else (Headlamp would not start) is refused at the values key `at`, naming `flag` (`-enable-helm`, or the env
 * var that sets it).
 */
export function goBool(value: string | undefined, at: string, flag = 'the flag'): boolean {
  if (value === undefined) return true;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  return refuse(
    at,
    `${flag} takes a Go boolean (${TRUE.join(', ')}; or ${FALSE.join(', ')}), got ${JSON.stringify(value)}, which ` +
      `Headlamp's ` +
      'flags do not read as one; write true or false',
  );
}
