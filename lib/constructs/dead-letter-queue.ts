import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Where an asynchronous path parks what it could not deliver or process: encrypted, TLS only, kept
 * for the SQS maximum of 14 days so an operator has time to look, then redrive.
 */
export class DeadLetterQueue extends Queue {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const reason =
      'This queue is itself the dead-letter queue of a schedule, rule or asynchronous Lambda invocation; ' +
      'nothing consumes it automatically, so a redrive policy of its own has nowhere meaningful to go. ' +
      'Its depth is alarmed.';
    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );
  }
}
