import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { type EventPattern, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ContextAttribute, Schedule, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { ConfigError } from '../../functions/config/settings.ts';
import type { EventTrigger, JobDefinition } from '../../functions/jobs.ts';
import { scheduleExpressionOf } from '../schedule-expression.ts';
import { AccountHealthFunction, PROJECT_ROOT } from './account-health-function.ts';
import type { AccountHealthTable } from './account-health-table.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { EmailSending } from './email-sending.ts';
import type { PublicEndpoint } from './public-endpoint.ts';

/**
 * Retry budgets of the asynchronous paths. A tick is idempotent (the send ledger), so retrying is
 * safe; after an hour the next tick covers the same ground, so an older one goes to dead letters.
 * Inbound events carry state (a CRM upsert, a bounce) that only arrives once: they get longer.
 */
export const RETRY = {
  schedule: { retryAttempts: 3, maxEventAge: Duration.hours(1) },
  event: { retryAttempts: 8, maxEventAge: Duration.hours(6) },
  /** Lambda's own retries of a failed asynchronous run (its maximum is 2). */
  asyncInvoke: { retryAttempts: 2 },
} as const;

/** A schedule as deployed: the jobs table's, with any CDK context override applied. */
export interface ResolvedSchedule {
  readonly expression: string;
  readonly timeZone: string;
  readonly enabled: boolean;
}

export interface AccountHealthJobProps {
  readonly job: JobDefinition;
  readonly table: AccountHealthTable;
  readonly settingsJson: string;
  readonly logRetention: RetentionDays;
  /** Publish the AccountHealth custom metrics. @default true */
  readonly businessMetrics?: boolean;
  readonly bus: IEventBus;
  readonly email: EmailSending;
  readonly endpoint: PublicEndpoint | undefined;
  /** Where links in emails point (AH_PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string | undefined;
  /** Required for schedule jobs. */
  readonly schedule?: ResolvedSchedule | undefined;
}

/**
 * One row of the jobs table, deployed: its function with the grants its `needs` declare, and its one
 * trigger (a schedule, a rule on the tool's bus, or routes on the public endpoint). Asynchronous
 * triggers share one dead-letter queue per job for both failed deliveries and failed runs.
 */
export class AccountHealthJob extends Construct {
  readonly job: JobDefinition;
  readonly fn: AccountHealthFunction;
  readonly deadLetters: DeadLetterQueue | undefined;
  readonly schedule: Schedule | undefined;
  readonly rule: Rule | undefined;

  constructor(scope: Construct, id: string, props: AccountHealthJobProps) {
    super(scope, id);
    const { job } = props;
    this.job = job;
    if (!existsSync(join(PROJECT_ROOT, job.entry)))
      throw new ConfigError(`Job "${job.name}": entry ${job.entry} does not exist`);

    // Configuration problems first, before esbuild spends seconds on a bundle.
    const sender = job.needs.sendsEmail ? props.email.senderFor(job.name) : undefined;
    if (sender && !props.publicBaseUrl)
      throw new ConfigError(`Job "${job.name}" sends email with links, but the stack has no public endpoint`);

    this.fn = new AccountHealthFunction(this, 'function', {
      entry: job.entry,
      description: job.description,
      settingsJson: props.settingsJson,
      timeout: Duration.seconds(job.timeoutSeconds ?? 30),
      memorySize: job.memoryMb ?? 256,
      logRetention: props.logRetention,
      businessMetrics: props.businessMetrics,
    });
    if (job.needs.table === 'write') this.fn.writesTable(props.table);
    else this.fn.readsTable(props.table);
    if (job.needs.putsEvents) this.fn.putsEventsTo(props.bus);
    if (sender) this.fn.sendsEmailAs(sender);
    // Every function may build links, and the HTTP function checks form posts against this origin.
    // (No cycle: the endpoint's API does not depend on the functions, only its routes do.)
    if (props.publicBaseUrl) this.fn.linksTo(props.publicBaseUrl);

    const trigger = job.trigger;
    switch (trigger.kind) {
      case 'schedule': {
        if (!props.schedule) throw new ConfigError(`Job "${job.name}": no resolved schedule`);
        this.deadLetters = new DeadLetterQueue(this, 'dead-letters');
        this.fn.sendsFailuresTo(this.deadLetters, {
          retryAttempts: RETRY.asyncInvoke.retryAttempts,
          maxEventAge: RETRY.schedule.maxEventAge,
        });
        this.schedule = new Schedule(this, 'schedule', {
          description: `${job.name}: ${props.schedule.expression} (${props.schedule.timeZone})`,
          schedule: scheduleExpressionOf(job.name, props.schedule.expression, props.schedule.timeZone),
          enabled: props.schedule.enabled,
          target: new LambdaInvoke(this.fn, {
            role: this.scheduleRole(),
            input: ScheduleTargetInput.fromObject({
              job: job.name,
              scheduledTime: ContextAttribute.scheduledTime,
            }),
            deadLetterQueue: this.deadLetters,
            ...RETRY.schedule,
          }),
        });
        break;
      }
      case 'event': {
        this.deadLetters = new DeadLetterQueue(this, 'dead-letters');
        this.fn.sendsFailuresTo(this.deadLetters, {
          retryAttempts: RETRY.asyncInvoke.retryAttempts,
          maxEventAge: RETRY.event.maxEventAge,
        });
        this.rule = new Rule(this, 'rule', {
          description: `${job.name}: ${job.description}`,
          eventBus: props.bus,
          eventPattern: eventPatternOf(job.name, trigger),
          targets: [new LambdaFunction(this.fn, { deadLetterQueue: this.deadLetters, ...RETRY.event })],
        });
        break;
      }
      case 'http': {
        if (!props.endpoint) throw new ConfigError(`Job "${job.name}": no public endpoint`);
        props.endpoint.addRoutes(job.name, this.fn, trigger.routes);
        Validations.of(this.fn).acknowledge({
          id: 'Serverless-LambdaDLQ',
          reason:
            'Invoked synchronously by API Gateway: a failure is answered to the caller (a 4xx/5xx page), ' +
            'so there is no event to park in a dead-letter queue.',
        });
        break;
      }
    }
  }

  /**
   * The schedule's own role (CDK would otherwise share one across every schedule of the stack), so
   * its single wildcard, the function's qualifiers, is acknowledged right where it is granted.
   */
  private scheduleRole(): Role {
    const stack = Stack.of(this);
    const role = new Role(this, 'schedule-role', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `Lets EventBridge Scheduler invoke ${this.node.path}/function`,
    });
    const functionLogicalId = stack.resolve((this.fn.node.defaultChild as CfnFunction).logicalId) as string;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on this one function and its versions/aliases (`<arn>:*`, as grantInvoke ' +
        'writes it); no other function is reachable.',
    });
    return role;
  }
}

/** The jobs table spells patterns as EventBridge does; CDK wants camelCase. */
function eventPatternOf(job: string, trigger: EventTrigger): EventPattern {
  const {
    source,
    'detail-type': detailType,
    ...rest
  } = trigger.pattern as EventTrigger['pattern'] & {
    detail?: Record<string, unknown>;
  };
  if (!source?.length && !detailType?.length)
    throw new ConfigError(`Job "${job}": an event pattern needs at least a source or a detail-type`);
  return {
    ...(source?.length ? { source } : {}),
    ...(detailType?.length ? { detailType } : {}),
    ...(rest.detail ? { detail: rest.detail } : {}),
  };
}
