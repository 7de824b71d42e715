import { readFileSync } from 'node:fs';
import type { CfnResource } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { JOBS, type JobDefinition } from '../../functions/jobs.ts';
import type { AccountHealthStack } from '../../lib/account-health-stack.ts';
import { createAccountHealthApp } from '../../lib/app.ts';

// The built-in CloudFormation validator costs 1-2 s per synth and proves nothing the assertions don't.
process.env.CDK_VALIDATION = 'false';

/** The feature flags and defaults of cdk.json, so tests synthesize what `cdk synth` would. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

export const TEST_SENDER = 'checkins@acme.example';

/** Jobs only tests add, to prove the schedule and event paths synthesize before real ones exist. */
export const FAKE_JOBS: readonly JobDefinition[] = [
  {
    name: 'fake-digest',
    description: 'A cron schedule in a non-UTC zone',
    entry: 'functions/handlers/http.handler.ts',
    trigger: { kind: 'schedule', expression: 'cron(0 7 ? * MON *)', timeZone: 'America/New_York' },
    needs: { table: 'read', sendsEmail: true },
  },
  {
    name: 'fake-sweep',
    description: 'A rate schedule',
    entry: 'functions/handlers/http.handler.ts',
    trigger: { kind: 'schedule', expression: 'rate(6 hours)', timeZone: 'UTC' },
    needs: { table: 'write' },
  },
  {
    name: 'fake-crm-upsert',
    description: 'A CRM event consumer',
    entry: 'functions/handlers/http.handler.ts',
    trigger: { kind: 'event', pattern: { source: ['crm'], 'detail-type': ['Account Upserted'] } },
    needs: { table: 'write', putsEvents: true },
  },
];

/** The real jobs table plus the fakes. */
export const ALL_JOBS: readonly JobDefinition[] = [...JOBS, ...FAKE_JOBS];

export interface Synthesized {
  stack: AccountHealthStack;
  template: Template;
}

/** Builds the app as bin/app.ts does, without bundling (tests never run esbuild but one). */
export function synthStack(
  options: { jobs?: readonly JobDefinition[]; context?: Record<string, unknown> } = {},
): Synthesized {
  const { stack } = createAccountHealthApp({
    jobs: options.jobs ?? ALL_JOBS,
    context: {
      ...CDK_JSON_CONTEXT,
      sender: TEST_SENDER,
      ...options.context,
      'aws:cdk:bundling-stacks': [],
    },
  });
  return { stack, template: Template.fromStack(stack) };
}

/** The logical id CloudFormation knows a construct's resource by. */
export function logicalIdOf(resource: CfnResource): string {
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

/** `{ "Fn::GetAtt": [id, "Arn"] }`, the way the template points at a resource's ARN. */
export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** Resources of one type as [logicalId, properties] pairs. */
// biome-ignore lint/suspicious/noExplicitAny: template fragments are untyped JSON, asserted on by the tests
export function resourcesOf(template: Template, type: string): Array<[string, Record<string, any>]> {
  return Object.entries(template.findResources(type)).map(([id, r]) => [id, r.Properties ?? {}]);
}
