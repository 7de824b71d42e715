import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  METRIC,
  METRIC_NAMESPACE,
  METRIC_SERVICE,
  type MetricName,
} from '../../functions/shared/metric-names.ts';
import type { PublicEndpoint } from './public-endpoint.ts';

/** SES puts an account under review at a 5% bounce rate and at a 0.1% complaint rate: alarm before. */
export const BOUNCE_RATE_ALARM = 0.04;
export const COMPLAINT_RATE_ALARM = 0.0008;

export interface MonitoringProps {
  readonly functions: ReadonlyArray<{ readonly name: string; readonly fn: IFunction }>;
  readonly deadLetterQueues: ReadonlyArray<{ readonly name: string; readonly queue: IQueue }>;
  readonly endpoint?: PublicEndpoint | undefined;
  /** Existing SNS topic every alarm notifies. @default - alarms without actions */
  readonly alarmTopicArn?: string | undefined;
  /**
   * Address the stack subscribes to a topic of its own (KMS-encrypted, TLS only) that every alarm
   * notifies; AWS mails a confirmation link first. @default - no topic of our own
   */
  readonly alarmEmail?: string | undefined;
}

/** Printed once per synth when no alarm notifies anybody. */
export const SILENT_ALARMS_WARNING =
  'Alarms notify nobody: deploy with -c alarmEmail=you@example.com (or -c alarmTopicArn=<SNS topic ARN>) to hear when a function fails or mail bounces.';

/**
 * Alarms for what needs a person (a failing function, anything in a dead-letter queue, sender
 * reputation) and one dashboard with the same signals.
 */
export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  /** The topic `alarmEmail` subscribes to, when given. */
  readonly alarmTopic?: Topic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const actions: SnsAction[] = [];
    if (props.alarmTopicArn)
      actions.push(new SnsAction(Topic.fromTopicArn(this, 'alarm-topic', props.alarmTopicArn)));
    if (props.alarmEmail) {
      // CloudWatch cannot publish to a topic under the AWS-managed SNS key: a key of our own lets it.
      const key = new Key(this, 'alarm-topic-key', {
        description: 'Encrypts the account-health alarm topic',
        enableKeyRotation: true,
      });
      key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
      this.alarmTopic = new Topic(this, 'alarms', {
        displayName: 'Account health alarms',
        masterKey: key,
        enforceSSL: true,
      });
      const subscription = this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription to alarms: a notification SNS cannot deliver to the inbox has no better place to go, and the alarm itself stays visible in the console and on the dashboard.',
      });
      actions.push(new SnsAction(this.alarmTopic));
    }
    if (actions.length === 0) Annotations.of(this).addInfo(SILENT_ALARMS_WARNING);
    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(...actions);
      this.alarms.push(a);
      return a;
    };
    const fiveMinutes = Duration.minutes(5);

    for (const { name, fn } of props.functions) {
      alarm(
        `${name}-errors`,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `The ${name} function failed at least once in 5 minutes: see its log group.`,
      );
    }
    for (const { name, queue } of props.deadLetterQueues) {
      alarm(
        `${name}-dead-letters`,
        queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        1,
        `Something could not be delivered or processed for ${name}: inspect the queue, fix, then redrive.`,
      );
    }
    const sesRate = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.minutes(15), statistic: 'Maximum' });
    const bounceRate = sesRate('Reputation.BounceRate');
    const complaintRate = sesRate('Reputation.ComplaintRate');
    alarm('ses-bounce-rate', bounceRate, BOUNCE_RATE_ALARM, 'SES bounce rate near the 5% review threshold.');
    alarm(
      'ses-complaint-rate',
      complaintRate,
      COMPLAINT_RATE_ALARM,
      'SES complaint rate near the 0.1% review threshold.',
    );
    if (props.endpoint) {
      alarm(
        'endpoint-server-errors',
        props.endpoint.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
        5,
        'The public link endpoint answered 5xx at least 5 times in 5 minutes.',
      );
    }

    this.dashboard = new Dashboard(this, 'dashboard', { defaultInterval: Duration.days(7) });
    const fns = props.functions;
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# Account health\nFunctions, dead letters, the public endpoint and sender reputation.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Invocations',
        left: fns.map(({ name, fn }) => fn.metricInvocations({ label: name, period: fiveMinutes })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Errors',
        left: fns.map(({ name, fn }) => fn.metricErrors({ label: name, period: fiveMinutes })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Duration p99 (ms)',
        left: fns.map(({ name, fn }) => fn.metricDuration({ label: name, statistic: 'p99' })),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Dead letters waiting',
        left: props.deadLetterQueues.map(({ name, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ label: name, statistic: 'Maximum' }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'SES reputation',
        left: [bounceRate.with({ label: 'bounce rate' }), complaintRate.with({ label: 'complaint rate' })],
        leftAnnotations: [
          { value: BOUNCE_RATE_ALARM, label: 'bounce alarm' },
          { value: COMPLAINT_RATE_ALARM, label: 'complaint alarm' },
        ],
        width: 8,
      }),
      ...(props.endpoint
        ? [
            new GraphWidget({
              title: 'Public endpoint',
              left: [
                props.endpoint.api.metricCount({ label: 'requests', period: fiveMinutes }),
                props.endpoint.api.metricClientError({ label: '4xx', period: fiveMinutes }),
                props.endpoint.api.metricServerError({ label: '5xx', period: fiveMinutes }),
              ],
              right: [props.endpoint.api.metricLatency({ label: 'latency p99', statistic: 'p99' })],
              width: 8,
            }),
          ]
        : []),
    );
    // What the tool did for the business: the counts the handlers publish (functions/metric-names.ts).
    const count = (metricName: MetricName, label: string) =>
      new Metric({
        namespace: METRIC_NAMESPACE,
        metricName,
        dimensionsMap: { service: METRIC_SERVICE },
        statistic: 'Sum',
        period: Duration.hours(1),
        label,
      });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Outreach sent (per hour)',
        left: [
          count(METRIC.checkInsSent, 'check-ins'),
          count(METRIC.surveysSent, 'surveys'),
          count(METRIC.remindersSent, 'survey reminders'),
          count(METRIC.touchesSent, 'greetings and reminders'),
          count(METRIC.ownerNotesSent, 'owner notes'),
          count(METRIC.digestsSent, 'digests'),
        ],
        right: [
          count(METRIC.dueFound, 'due found'),
          count(METRIC.sendsDeferred, 'deferred (hours, fatigue)'),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Answers and risk (per hour)',
        left: [
          count(METRIC.surveyAnswers, 'survey answers'),
          count(METRIC.detractors, 'detractors'),
          count(METRIC.alertsEscalated, 'alerts escalated'),
          count(METRIC.accountsRecovered, 'accounts recovered'),
          count(METRIC.ownerActions, 'owner actions'),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Opt-outs, suppressions, CRM (per hour)',
        left: [
          count(METRIC.unsubscribes, 'unsubscribes'),
          count(METRIC.addressesSuppressed, 'suppressed (bounce, complaint)'),
          count(METRIC.crmEventsAccepted, 'CRM events accepted'),
          count(METRIC.crmEventsRejected, 'CRM events refused'),
        ],
        right: [
          count(METRIC.scanFailures, 'scan failures'),
          count(METRIC.digestFailures, 'digest failures'),
          count(METRIC.escalateFailures, 'escalate failures'),
        ],
        width: 8,
      }),
    );
  }
}
