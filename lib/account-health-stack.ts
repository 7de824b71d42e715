import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ConfigError } from '../functions/config/settings.ts';
import { JOBS, type JobDefinition } from '../functions/jobs.ts';
import { AccountHealthJob, type ResolvedSchedule } from './constructs/account-health-job.ts';
import { AccountHealthTable } from './constructs/account-health-table.ts';
import { EmailSending } from './constructs/email-sending.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { PublicEndpoint } from './constructs/public-endpoint.ts';
import { type DeployConfig, readDeployConfig } from './deploy-config.ts';
import { STACK_OUTPUTS } from './stack-outputs.ts';

/** Keys of the stack outputs (lib/stack-outputs.ts); `account-health --stack <name>` reads them. */
export { STACK_OUTPUTS };

/** Lambda allows 4 KB of environment in total; the settings must leave room for the rest. */
const MAX_SETTINGS_BYTES = 3_000;

export interface AccountHealthStackProps extends StackProps {
  /** @default JOBS, the jobs table */
  readonly jobs?: readonly JobDefinition[];
  /** @default - read from CDK context (docs/deploy.md) */
  readonly config?: DeployConfig;
}

/**
 * The whole tool in one stack, generic over the jobs table: one function and one trigger per job,
 * so adding a job to functions/jobs.ts needs no change here.
 */
export class AccountHealthStack extends Stack {
  readonly table: AccountHealthTable;
  readonly bus: EventBus;
  readonly email: EmailSending;
  readonly endpoint: PublicEndpoint | undefined;
  readonly jobs: AccountHealthJob[];
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: AccountHealthStackProps = {}) {
    super(scope, id, props);
    const config = props.config ?? readDeployConfig(this);
    const jobs = props.jobs ?? JOBS;
    checkJobs(jobs);
    const schedules = resolveSchedules(jobs, config);
    const settingsJson = JSON.stringify(config.settings);
    if (Buffer.byteLength(settingsJson) > MAX_SETTINGS_BYTES)
      throw new ConfigError(
        `The settings are ${Buffer.byteLength(settingsJson)} bytes as JSON; Lambda's environment allows ` +
          `${MAX_SETTINGS_BYTES} for them. Shorten ${config.settingsFile}.`,
      );
    const logRetention = config.logRetentionDays as RetentionDays;

    this.table = new AccountHealthTable(this, 'data');
    this.bus = new EventBus(this, 'bus', {
      description: 'Account health domain events and inbound CRM events',
    });
    this.email = new EmailSending(this, 'email', { sender: config.sender, bus: this.bus });
    this.endpoint = jobs.some((j) => j.trigger.kind === 'http')
      ? new PublicEndpoint(this, 'public-endpoint', {
          rateLimit: config.httpRateLimit,
          burstLimit: config.httpBurstLimit,
          logRetention,
        })
      : undefined;
    const publicBaseUrl = config.publicBaseUrl ?? this.endpoint?.url;

    this.jobs = jobs.map(
      (job) =>
        new AccountHealthJob(this, job.name, {
          job,
          table: this.table,
          settingsJson,
          logRetention,
          businessMetrics: config.businessMetrics,
          bus: this.bus,
          email: this.email,
          endpoint: this.endpoint,
          publicBaseUrl,
          schedule: schedules.get(job.name),
        }),
    );

    this.monitoring = new Monitoring(this, 'monitoring', {
      functions: this.jobs.map((j) => ({ name: j.job.name, fn: j.fn })),
      deadLetterQueues: [
        ...this.jobs.flatMap((j) => (j.deadLetters ? [{ name: j.job.name, queue: j.deadLetters }] : [])),
        { name: 'ses-event-forwarding', queue: this.email.forwardingDeadLetters },
      ],
      endpoint: this.endpoint,
      alarmTopicArn: config.alarmTopicArn,
      alarmEmail: config.alarmEmail,
    });

    if (publicBaseUrl)
      new CfnOutput(this, STACK_OUTPUTS.publicBaseUrl, {
        value: publicBaseUrl,
        description: 'Base URL of the survey and action links',
      });
    new CfnOutput(this, STACK_OUTPUTS.tableName, {
      value: this.table.table.tableName,
      description: 'The DynamoDB table',
    });
    new CfnOutput(this, STACK_OUTPUTS.eventBusName, {
      value: this.bus.eventBusName,
      description: 'The EventBridge bus the tool publishes to and reads CRM events from',
    });
    new CfnOutput(this, STACK_OUTPUTS.configurationSetName, {
      value: this.email.configurationSetName,
      description: 'The SES configuration set every email is sent with',
    });
    if (config.sender)
      new CfnOutput(this, STACK_OUTPUTS.senderAddress, {
        value: config.sender,
        description: 'The verified address email is sent from',
      });
  }
}

const JOB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function checkJobs(jobs: readonly JobDefinition[]): void {
  const seen = new Set<string>();
  for (const job of jobs) {
    if (!JOB_NAME.test(job.name))
      throw new ConfigError(`Job name ${JSON.stringify(job.name)} is not kebab-case`);
    if (seen.has(job.name)) throw new ConfigError(`Job "${job.name}" is declared twice`);
    seen.add(job.name);
  }
}

/** Applies the context's `timeZone` and `schedules.<job>` overrides to the jobs table's schedules. */
function resolveSchedules(
  jobs: readonly JobDefinition[],
  config: DeployConfig,
): Map<string, ResolvedSchedule> {
  const resolved = new Map<string, ResolvedSchedule>();
  for (const name of Object.keys(config.schedules)) {
    const job = jobs.find((j) => j.name === name);
    if (!job) throw new ConfigError(`schedules.${name}: there is no job named "${name}"`);
    if (job.trigger.kind !== 'schedule')
      throw new ConfigError(
        `schedules.${name}: job "${name}" is triggered by ${job.trigger.kind}, not a schedule`,
      );
  }
  for (const job of jobs) {
    if (job.trigger.kind !== 'schedule') continue;
    const override = config.schedules[job.name] ?? {};
    resolved.set(job.name, {
      expression: override.expression ?? job.trigger.expression,
      timeZone: override.timeZone ?? config.timeZone ?? job.trigger.timeZone,
      enabled: override.enabled ?? true,
    });
  }
  return resolved;
}
