// `casepack serve`: the full UI in a browser, for servers without a desktop (reached over an SSH
// tunnel). Binds 127.0.0.1 only; the printed link carries a one-time token.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CasepackError } from '../../core/common/errors.js';
import { packageRoot } from '../../core/node/package-root.js';
import type { CliContext } from '../context.js';
import { action, say } from '../output.js';

interface ServeOptions {
  port?: string;
  json?: boolean;
  allowHost?: string[];
}

export function rendererDir(): string {
  return path.join(packageRoot(), 'out', 'renderer');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the casepack UI on 127.0.0.1 for a browser (e.g. over an SSH tunnel)')
    .option('--port <n>', 'port to listen on (default: a free port)')
    .option('--allow-host <name...>', 'host names to accept besides 127.0.0.1 and localhost')
    .option('--json', 'print one line {"url": ...} instead of the instructions')
    .action(
      action(async (opts: ServeOptions) => {
        const port = opts.port === undefined ? 0 : Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new CasepackError('usage', `--port must be a number from 0 to 65535`);
        const dir = rendererDir();
        if (!existsSync(path.join(dir, 'index.html')))
          throw new CasepackError('config', `the UI is not built (${dir}); run \`npm run build\``);
        const { createApiHost } = await import('../../core/node/api/handlers.js');
        const { startUiServer } = await import('../../server/ui-server.js');
        const service = ctx.service();
        await service.settings(); // a broken settings file fails here, with its line and key
        const server = await startUiServer({
          api: createApiHost(service, 'browser'),
          rendererDir: dir,
          port,
          allowHosts: opts.allowHost,
        });
        if (opts.json) process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
        else {
          process.stdout.write(`${server.url}\n`);
          say(
            `casepack UI at the link above (one-time link: it logs in the first browser that opens it).\n` +
              `From another machine: ssh -L ${server.port}:127.0.0.1:${server.port} <this host>, then open the link there.\n` +
              `Press Ctrl+C to stop.`,
          );
        }
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
      }),
    );
}
