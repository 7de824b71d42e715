#!/usr/bin/env node
// The `account-health` CLI. Runs the TypeScript sources through tsx, so there is no build step.
// README recommends Node 22+; on Node 20 the SDK's upgrade notice would print on every command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv);
