import { Command } from 'commander';
import {
  type CliContext,
  type CliContextOptions,
  createCliContext,
  explainConnectionError,
} from './context.ts';
import { writeErr } from './format.ts';

/** A command's result: the exit code (0 when nothing went wrong). */
export type ExitCode = number;

/** Shared plumbing for commands: context creation, --json, errors as messages and exit codes. */
export interface CommandKit {
  /** The context of the running command (built before its action runs). */
  context(): CliContext;
  /** Wraps an action so that errors print as one clear message and set the exit code. */
  action<A extends unknown[]>(
    fn: (...args: A) => Promise<ExitCode | undefined>,
  ): (...args: A) => Promise<void>;
}

export interface KitOptions {
  /** The global `--stack <name>`, read when a command runs. */
  stack?: () => string | undefined;
  /** Builds the context; tests pass their own. @default createCliContext */
  createContext?: (env: NodeJS.ProcessEnv, options: CliContextOptions) => Promise<CliContext>;
}

export function createKit(
  env: NodeJS.ProcessEnv,
  setExit: (code: number) => void,
  options: KitOptions = {},
): CommandKit {
  let ctx: CliContext | undefined;
  const stack = () => options.stack?.() ?? undefined;
  const create = options.createContext ?? createCliContext;
  return {
    context: () => {
      if (!ctx) throw new Error('The command context is built before the action runs (kit.action)');
      return ctx;
    },
    action:
      (fn) =>
      async (...args) => {
        try {
          ctx ??= await create(env, { stack: stack() });
          setExit((await fn(...args)) ?? 0);
        } catch (error) {
          const explained = explainConnectionError(error, ctx);
          writeErr(`error: ${explained.message}\n`);
          if (env.AH_DEBUG) writeErr(`${(error as Error).stack}\n`);
          setExit(explained.name === 'StackDownError' ? 3 : 2);
        }
      },
  };
}

export function baseProgram(): Command {
  return new Command('account-health')
    .description('Keeps key customers from going stale: accounts, check-ins, surveys and health.')
    .option(
      '--stack <name>',
      'talk to the deployed CloudFormation stack of this name instead of the local stack of `npm start` ' +
        '(found through its outputs; AWS region and credentials from AWS_REGION / AWS_PROFILE; ' +
        'env: AH_STACK)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true });
}
