import { registerAccount } from './commands/account.ts';
import { registerAccounts } from './commands/accounts.ts';
import { registerDeadLetters } from './commands/dead-letters.ts';
import { registerDigestPreview } from './commands/digest-preview.ts';
import { registerImport } from './commands/import.ts';
import { registerLogContact } from './commands/log-contact.ts';
import { registerPause } from './commands/pause.ts';
import { registerResponses } from './commands/responses.ts';
import { registerRun } from './commands/run.ts';
import { registerSendEvent } from './commands/send-event.ts';
import { baseProgram, createKit } from './program.ts';

/** Runs the CLI and resolves to its exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let exitCode = 0;
  const program = baseProgram();
  const kit = createKit(
    env,
    (code) => {
      exitCode = code;
    },
    { stack: () => program.opts<{ stack?: string }>().stack ?? (env.AH_STACK || undefined) },
  );
  // In the order a newcomer uses them: load accounts, look at them, act, run jobs, read answers.
  registerImport(program, kit);
  registerAccounts(program, kit);
  registerAccount(program, kit);
  registerLogContact(program, kit);
  registerPause(program, kit);
  registerRun(program, kit);
  registerResponses(program, kit);
  registerDigestPreview(program, kit);
  registerSendEvent(program, kit);
  registerDeadLetters(program, kit);
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const e = error as { exitCode?: number; code?: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return 0;
    return e.exitCode ?? 2;
  }
  return exitCode;
}
