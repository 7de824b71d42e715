import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { JobDefinition } from '../functions/jobs.ts';
import { AccountHealthStack } from './account-health-stack.ts';

/** @default stack name when the `stackName` context key is not set */
export const DEFAULT_STACK_NAME = 'AccountHealth';

export interface AccountHealthAppProps extends AppProps {
  /** @default JOBS */
  readonly jobs?: readonly JobDefinition[];
}

/**
 * The CDK app: the stack, checked by cdk-nag's AwsSolutions and Serverless packs, so any finding
 * without a written acknowledgement fails the synth. bin/app.ts and the infra tests build it here.
 */
export function createAccountHealthApp(props: AccountHealthAppProps = {}): {
  app: App;
  stack: AccountHealthStack;
} {
  const { jobs, ...appProps } = props;
  const app = new App(appProps);
  const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? DEFAULT_STACK_NAME;
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const stack = new AccountHealthStack(app, stackName, {
    description: 'Account health scheduler: keeps key customers from going stale',
    ...(account && region ? { env: { account, region } } : {}),
    ...(jobs ? { jobs } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
