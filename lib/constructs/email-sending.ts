import { Stack } from 'aws-cdk-lib';
import { EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import {
  ConfigurationSet,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { ConfigError } from '../../functions/config/settings.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export interface EmailSendingProps {
  /**
   * The address mail is sent from; SES must have it, or its domain, verified (outside this stack:
   * docs/deploy.md says how).
   * @default - none; a job that sends email then fails synth asking for it
   */
  readonly sender?: string | undefined;
  /** The tool's bus: SES bounce and complaint events are forwarded onto it. */
  readonly bus: IEventBus;
}

/**
 * SES v2 sending: a configuration set every message goes through (reputation metrics, the account
 * suppression list for bounces and complaints) whose bounce and complaint events reach the tool's
 * bus. SES can only deliver to the account's default bus, so a rule forwards our configuration set's
 * events from there onto the tool's bus, where jobs' rules see them like any other event.
 */
export class EmailSending extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  readonly forwardingDeadLetters: DeadLetterQueue;
  private readonly senderValue: string | undefined;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.senderValue = props.sender;
    this.configurationSet = new ConfigurationSet(this, 'configuration-set', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetName = this.configurationSet.configurationSetName;
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSetName,
    });

    const defaultBus = EventBus.fromEventBusName(this, 'default-bus', 'default');
    this.configurationSet.addEventDestination('to-eventbridge', {
      destination: EventDestination.eventBus(defaultBus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.forwardingDeadLetters = new DeadLetterQueue(this, 'forwarding-dead-letters');
    new Rule(this, 'forward-to-bus', {
      description: 'Forwards this tool’s SES bounce and complaint events from the default bus to its own bus',
      eventBus: defaultBus,
      eventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSetName] } } },
      },
      targets: [
        new EventBusTarget(props.bus, {
          // Bus targets take EventBridge's default retry policy (24 h, 185 attempts); no override exists.
          deadLetterQueue: this.forwardingDeadLetters,
        }),
      ],
    });
  }

  /**
   * What a job needs to send mail: the sender address, the SES identities a send is authorised
   * against (the address, and its domain, which SES uses when only the domain is verified), and the
   * configuration set. Fails synth, naming the job, when no sender is configured.
   */
  senderFor(job: string): SenderGrant {
    const sender = this.senderValue;
    if (!sender)
      throw new ConfigError(
        `Job "${job}" sends email, so the stack needs a sender: the address mail goes out from, verified in ` +
          'SES (the address or its domain). ' +
          'Set it in cdk.json ("context": { "sender": "checkins@example.com" }) or with -c sender=...',
      );
    const identities = [sender, sender.slice(sender.indexOf('@') + 1)];
    return {
      sender,
      identityArns: identities.map((identity) =>
        Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
      ),
      configurationSetName: this.configurationSetName,
      configurationSetArn: this.configurationSetArn,
    };
  }
}

/** Everything `AccountHealthFunction.sendsEmailAs` binds. */
export interface SenderGrant {
  readonly sender: string;
  readonly identityArns: string[];
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
}
