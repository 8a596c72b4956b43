// The case warnings come from the service in the CLI's terms (flags such as --no-system-report):
// the app says the same in its own terms, the controls a user sees on the Collect screen.
import { ARTIFACT_HINTS } from '../../../core/common/case/artifacts.js';

const REWORD: Array<[string | RegExp, string]> = [
  [ARTIFACT_HINTS['system-report'], 'collect again with "Include the system report" switched on'],
  [
    ARTIFACT_HINTS.logs,
    "check the profile's log paths and the time window (Since and Until on the Collect screen)",
  ],
  [/collect again with --since "([^"]*)"/, 'collect again with Since set to $1'],
  [
    'a submission is refused until the case file has them',
    'Send stays off until the case has them',
  ],
];

/** A case warning as the app says it (without the CLI's `case: ` prefix). */
export function inUiTerms(warning: string): string {
  let out = warning.replace(/^case: /, '');
  for (const [cli, ui] of REWORD) out = out.replace(cli, ui);
  return out;
}
