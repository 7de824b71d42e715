import { Command } from 'commander';
import { type CliContext, createCliContext, explainConnectionError } from './context.ts';

/** A command's result: the exit code (0 when nothing went wrong). */
export type ExitCode = number;

/** Shared plumbing for commands: context creation, --json, errors as messages and exit codes. */
export interface CommandKit {
  context(): CliContext;
  /** Wraps an action so that errors print as one clear message and set the exit code. */
  action<A extends unknown[]>(
    fn: (...args: A) => Promise<ExitCode | undefined>,
  ): (...args: A) => Promise<void>;
}

export function createKit(env: NodeJS.ProcessEnv, setExit: (code: number) => void): CommandKit {
  let ctx: CliContext | undefined;
  const context = () => {
    ctx ??= createCliContext(env);
    return ctx;
  };
  return {
    context,
    action:
      (fn) =>
      async (...args) => {
        try {
          setExit((await fn(...args)) ?? 0);
        } catch (error) {
          const explained = ctx ? explainConnectionError(error, ctx.runtime) : (error as Error);
          process.stderr.write(`error: ${explained.message}\n`);
          if (env.AH_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
          setExit(explained.name === 'StackDownError' ? 3 : 2);
        }
      },
  };
}

export function baseProgram(): Command {
  return new Command('account-health')
    .description('Keeps key customers from going stale: accounts, check-ins, surveys and health.')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false });
}
