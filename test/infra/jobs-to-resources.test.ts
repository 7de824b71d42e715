import { join } from 'node:path';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { JOBS } from '../../functions/jobs.ts';
import { PROJECT_ROOT } from '../../lib/constructs/account-health-function.ts';
import { ALL_JOBS, FAKE_JOBS, logicalIdOf, resourcesOf, synthStack } from './stack-fixture.ts';

const { stack, template } = synthStack();

/** Does `value` (any template fragment) point at the resource `logicalId`? */
const mentions = (value: unknown, logicalId: string) => JSON.stringify(value).includes(`"${logicalId}"`);

describe('the jobs table, deployed', () => {
  it('covers the real jobs table and the test-only fakes', () => {
    expect(ALL_JOBS.length).toBe(JOBS.length + FAKE_JOBS.length);
    expect(stack.jobs.map((j) => j.job.name)).toEqual(ALL_JOBS.map((j) => j.name));
  });

  it('makes exactly one Lambda function per job', () => {
    template.resourceCountIs('AWS::Lambda::Function', ALL_JOBS.length);
  });

  it('bundles each job from the handler module the jobs table names (the one the local runtime runs)', () => {
    for (const deployed of stack.jobs) {
      expect(deployed.fn.entry).toBe(join(PROJECT_ROOT, deployed.job.entry));
    }
  });

  it.each(ALL_JOBS.map((job) => [job.name, job] as const))(
    'gives job %s exactly one trigger of its kind and none of the others',
    (name, job) => {
      const deployed = stack.jobs.find((j) => j.job.name === name);
      expect(deployed).toBeDefined();
      const fnId = logicalIdOf(deployed?.fn.node.defaultChild as CfnFunction);

      const schedules = resourcesOf(template, 'AWS::Scheduler::Schedule').filter(([, p]) =>
        mentions(p.Target?.Arn, fnId),
      );
      const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, p]) =>
        (p.Targets ?? []).some((t: { Arn: unknown }) => mentions(t.Arn, fnId)),
      );
      const integrationIds = resourcesOf(template, 'AWS::ApiGatewayV2::Integration')
        .filter(([, p]) => mentions(p.IntegrationUri, fnId))
        .map(([id]) => id);
      const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').filter(([, p]) =>
        integrationIds.some((id) => mentions(p.Target, id)),
      );

      const trigger = job.trigger;
      if (trigger.kind === 'schedule') {
        expect([schedules.length, rules.length, routes.length]).toEqual([1, 0, 0]);
      } else if (trigger.kind === 'event') {
        expect([schedules.length, rules.length, routes.length]).toEqual([0, 1, 0]);
      } else {
        expect([schedules.length, rules.length]).toEqual([0, 0]);
        expect(integrationIds).toHaveLength(1);
        const routeKeys = routes.map(([, p]) => p.RouteKey).sort();
        const declared = trigger.routes.flatMap((r) =>
          r.method === 'GET' ? [`GET ${r.path}`, `HEAD ${r.path}`] : [`${r.method} ${r.path}`],
        );
        expect(routeKeys).toEqual(declared.sort());
      }
    },
  );

  it('grants each job only the table access its needs declare', () => {
    for (const deployed of stack.jobs) {
      const roleId = logicalIdOf(deployed.fn.executionRole.node.defaultChild as never);
      const statements = resourcesOf(template, 'AWS::IAM::Policy')
        .filter(([, p]) => (p.Roles ?? []).some((r: unknown) => mentions(r, roleId)))
        .flatMap(([, p]) => p.PolicyDocument.Statement as Array<{ Action: string | string[] }>);
      const actions = statements.flatMap((s) => [s.Action].flat());
      expect(actions).toContain('dynamodb:Query');
      expect(actions.includes('dynamodb:PutItem')).toBe(deployed.job.needs.table === 'write');
      expect(actions.includes('ses:SendEmail')).toBe(deployed.job.needs.sendsEmail === true);
      expect(actions.includes('events:PutEvents')).toBe(deployed.job.needs.putsEvents === true);
      expect(actions).not.toContain('dynamodb:Scan');
    }
  });
});
