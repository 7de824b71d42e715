import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { GLOBAL_INDEXES, TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-design.ts';
import { METRIC, METRIC_NAMESPACE, METRIC_SERVICE } from '../../functions/shared/metric-names.ts';
import { STACK_OUTPUTS } from '../../lib/account-health-stack.ts';
import { FUNCTION_ENV } from '../../lib/function-env.ts';
import { ALL_JOBS, arnOf, resourcesOf, synthStack, TEST_SENDER } from './stack-fixture.ts';

const { template } = synthStack({ context: { httpRateLimit: 7, httpBurstLimit: 14 } });

describe('the table', () => {
  it('is on-demand with point-in-time recovery, deletion protection, TTL and AWS-managed encryption', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      TableName: Match.absent(),
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has every index of the table design, projecting all attributes', () => {
    const [[, table] = ['', {}]] = resourcesOf(template, 'AWS::DynamoDB::Table');
    expect(table.GlobalSecondaryIndexes).toEqual(
      GLOBAL_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partition, KeyType: 'HASH' },
          { AttributeName: index.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });
});

describe('the functions', () => {
  it('all run Node.js 22 on arm64 with active tracing, JSON logs and source maps', () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(ALL_JOBS.length);
    for (const [, fn] of functions) {
      expect(fn).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
        Environment: {
          Variables: {
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: 'account-health',
            [FUNCTION_ENV.tableName]: { Ref: expect.any(String) },
            [FUNCTION_ENV.settings]: expect.stringContaining('"dueShards"'),
          },
        },
      });
      expect(fn.FunctionName).toBeUndefined();
    }
  });

  it('log into their own log group, with a retention', () => {
    const groups = template.findResources('AWS::Logs::LogGroup');
    for (const [, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      const group = groups[fn.LoggingConfig.LogGroup.Ref];
      expect(group?.Properties).toMatchObject({ RetentionInDays: 30 });
    }
  });

  it('bind the sender, configuration set and link base only to functions that send email', () => {
    const senders = resourcesOf(template, 'AWS::Lambda::Function').filter(
      ([, fn]) => fn.Environment.Variables[FUNCTION_ENV.sender] !== undefined,
    );
    expect(senders).toHaveLength(ALL_JOBS.filter((j) => j.needs.sendsEmail).length);
    for (const [, fn] of senders) {
      expect(fn.Environment.Variables).toMatchObject({
        [FUNCTION_ENV.sender]: TEST_SENDER,
        [FUNCTION_ENV.configurationSet]: { Ref: expect.any(String) },
        [FUNCTION_ENV.publicBaseUrl]: { 'Fn::GetAtt': [expect.any(String), 'ApiEndpoint'] },
      });
    }
  });
});

describe('least privilege', () => {
  const statements = resourcesOf(template, 'AWS::IAM::Policy').flatMap(
    ([, p]) => p.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
  );

  it('never grants a wildcard action', () => {
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a === '*' || a.endsWith(':*') || a.includes('*'))).toEqual([]);
  });

  it('uses Resource "*" only for X-Ray, which has no resource-level permissions', () => {
    const starred = statements.filter((s) => [s.Resource].flat().includes('*'));
    expect(starred.length).toBeGreaterThan(0);
    for (const s of starred) {
      expect([s.Action].flat().every((a) => a.startsWith('xray:'))).toBe(true);
    }
  });

  it('lets a sender send only from the configured address and through the configuration set', () => {
    const sends = statements.filter((s) => [s.Action].flat().includes('ses:SendEmail'));
    expect(sends.length).toBe(ALL_JOBS.filter((j) => j.needs.sendsEmail).length);
    for (const send of sends) {
      expect(send).toMatchObject({ Condition: { StringEquals: { 'ses:FromAddress': TEST_SENDER } } });
      const resources = JSON.stringify(send.Resource);
      expect(resources).toContain(`:identity/${TEST_SENDER}"`);
      expect(resources).toContain(':configuration-set/');
      expect(resources).not.toContain('*');
    }
  });

  it('names no physical resource names, so two stacks can live in one account', () => {
    const nameProps: Record<string, string> = {
      'AWS::DynamoDB::Table': 'TableName',
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::SQS::Queue': 'QueueName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::Logs::LogGroup': 'LogGroupName',
      'AWS::Scheduler::Schedule': 'Name',
      'AWS::SES::ConfigurationSet': 'Name',
      'AWS::CloudWatch::Alarm': 'AlarmName',
      'AWS::CloudWatch::Dashboard': 'DashboardName',
    };
    // (An EventBus must have a Name; CDK derives a unique one from the stack and construct path.)
    for (const [type, prop] of Object.entries(nameProps)) {
      for (const [id, props] of resourcesOf(template, type))
        expect(props[prop], `${type} ${id}`).toBeUndefined();
    }
  });
});

describe('asynchronous paths', () => {
  it('give every schedule the job time zone, a retry policy and a dead-letter queue', () => {
    const schedules = resourcesOf(template, 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(ALL_JOBS.filter((j) => j.trigger.kind === 'schedule').length);
    for (const [, s] of schedules) {
      expect(s.Target).toMatchObject({
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
        RetryPolicy: {
          MaximumRetryAttempts: expect.any(Number),
          MaximumEventAgeInSeconds: expect.any(Number),
        },
      });
    }
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 ? * MON *)',
      ScheduleExpressionTimezone: 'America/New_York',
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(6 hours)' });
  });

  it('hand each scheduled run its job and scheduled time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 ? * MON *)',
      Target: {
        Input: JSON.stringify({ job: 'fake-digest', scheduledTime: '<aws.scheduler.scheduled-time>' }),
      },
    });
  });

  it('give every rule target a retry policy and a dead-letter queue', () => {
    const rules = resourcesOf(template, 'AWS::Events::Rule');
    expect(rules.length).toBeGreaterThan(0);
    for (const [, rule] of rules) {
      for (const target of rule.Targets) {
        expect(target.DeadLetterConfig?.Arn).toBeDefined();
      }
    }
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.anyValue() },
      EventPattern: { source: ['crm'], 'detail-type': ['Account Upserted'] },
      Targets: [
        Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }) }),
      ],
    });
  });

  it('send failed asynchronous runs of every scheduled or event-driven function to a dead-letter queue', () => {
    const asyncJobs = ALL_JOBS.filter((j) => j.trigger.kind !== 'http');
    const configs = resourcesOf(template, 'AWS::Lambda::EventInvokeConfig');
    expect(configs).toHaveLength(asyncJobs.length);
    const queues = template.findResources('AWS::SQS::Queue');
    for (const [, config] of configs) {
      const destination = config.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
      expect(queues[destination]).toBeDefined();
      expect(config.MaximumRetryAttempts).toBe(2);
    }
  });

  it('encrypt every dead-letter queue and refuse non-TLS access to it', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    for (const [id, queue] of queues) {
      expect(queue.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('the public endpoint', () => {
  it('is throttled on its default stage as configured', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 14 },
    });
  });

  it('writes access logs by route template, so tokens in paths never reach a log', () => {
    const [[, stage] = ['', {}]] = resourcesOf(template, 'AWS::ApiGatewayV2::Stage');
    const format = stage.AccessLogSettings.Format as string;
    expect(format).toContain('$context.routeKey');
    expect(format).not.toMatch(/\$context\.(path|resourcePath)\b/);
  });
});

describe('email', () => {
  it('sends through a configuration set that suppresses bounces and complaints and keeps reputation metrics', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
  });

  it('publishes bounces and complaints to EventBridge and forwards them onto the tool bus', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      },
    });
    const [[busId] = ['']] = resourcesOf(template, 'AWS::Events::EventBus');
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [Match.anyValue()] } } },
      },
      Targets: [Match.objectLike({ Arn: arnOf(busId), DeadLetterConfig: Match.anyValue() })],
    });
  });
});

describe('operations', () => {
  it('alarms on errors of every function', () => {
    for (const [id] of resourcesOf(template, 'AWS::Lambda::Function')) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
        Threshold: 1,
      });
    }
  });

  it('alarms on the depth of every dead-letter queue', () => {
    for (const [id] of resourcesOf(template, 'AWS::SQS::Queue')) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
      });
    }
  });

  it('alarms on the SES bounce and complaint rates before SES reviews the account', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
    });
  });

  it('has a dashboard that graphs every business metric the functions publish', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const [[, dashboard] = ['', {}]] = resourcesOf(template, 'AWS::CloudWatch::Dashboard');
    // The body is a Fn::Join of literal parts and resource references; the literal parts name metrics.
    const body = JSON.stringify(dashboard.DashboardBody);
    for (const name of Object.values(METRIC)) {
      expect(body, name).toContain(
        `\\"${METRIC_NAMESPACE}\\",\\"${name}\\",\\"service\\",\\"${METRIC_SERVICE}\\"`,
      );
    }
  });

  it('outputs the public base URL, table, bus, configuration set and sender under stable keys, without exports', () => {
    for (const key of Object.values(STACK_OUTPUTS)) {
      template.hasOutput(key, { Value: Match.anyValue(), Export: Match.absent() });
    }
  });
});

describe('bounce and complaint handling', () => {
  it('routes the SES events forwarded onto the tool bus to the ses-events function', () => {
    const job = ALL_JOBS.find((j) => j.name === 'ses-events');
    expect(job?.trigger.kind).toBe('event');
    const [[busId] = ['']] = resourcesOf(template, 'AWS::Events::EventBus');
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: busId },
      EventPattern: { source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'] },
    });
  });
});
