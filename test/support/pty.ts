// Drive the real `casepack` on a real pseudo-terminal (Python's pty module via pty-driver.py):
// wait for each prompt, type the answer, as a person at a terminal would.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { binPath, repoRoot } from './paths.js';

export interface PtyStep {
  /** A regular expression the output must show (after the previous match) before typing. */
  expect: string;
  /** What to type: `\r` is Enter, `\x1b[B` the down arrow. */
  send: string;
}

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' } as const;

export interface PtyResult {
  code: number | null;
  /** Everything the terminal showed, escape sequences removed. */
  transcript: string;
  stderr: string;
}

export async function runCliInPty(
  args: string[],
  steps: PtyStep[],
  opts: { env?: NodeJS.ProcessEnv; cwd: string; timeoutSec?: number },
): Promise<PtyResult> {
  const script = path.join(opts.cwd, `pty-script-${process.pid}-${Date.now()}.json`);
  await writeFile(script, JSON.stringify({ steps, timeout: opts.timeoutSec ?? 60 }));
  const driver = path.join(repoRoot, 'test', 'support', 'pty-driver.py');
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [driver, script, '--', process.execPath, binPath, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, TERM: 'xterm-256color', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let transcript = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (transcript += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, transcript, stderr }));
  });
}
