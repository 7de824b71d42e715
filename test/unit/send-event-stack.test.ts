import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STACK_OUTPUTS } from '../../lib/stack-outputs.ts';
import { runCli } from '../support/cli.ts';

const cfn = mockClient(CloudFormationClient);
const eventBridge = mockClient(EventBridgeClient);

const OUTPUTS = {
  [STACK_OUTPUTS.tableName]: 'AccountHealth-datatable1234-ABCDEF',
  [STACK_OUTPUTS.eventBusName]: 'AccountHealthbus5678',
};

function describeStack(outputs: Record<string, string>) {
  return {
    Stacks: [
      {
        StackName: 'AccountHealth',
        StackStatus: 'UPDATE_COMPLETE' as const,
        CreationTime: new Date('2026-11-01T00:00:00Z'),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  };
}

const cli = (...args: string[]) => runCli(args, { AWS_REGION: 'eu-west-1' });

beforeEach(() => {
  cfn.reset();
  eventBridge.reset();
  vi.stubEnv('AWS_REGION', 'eu-west-1');
});
afterEach(() => vi.unstubAllEnvs());

describe('send-event --stack', () => {
  it("puts the event on the deployed stack's bus with source crm, and runs nothing locally", async () => {
    cfn.on(DescribeStacksCommand).resolves(describeStack(OUTPUTS));
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-123' }] });

    const { code, out } = await cli(
      'send-event',
      'Contact Logged',
      '{"account_id":"ACME-1","at":"2026-11-20"}',
      '--stack',
      'AccountHealth',
      '--json',
    );

    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      eventId: 'eb-123',
      bus: 'AccountHealthbus5678',
      stack: 'AccountHealth',
      delivery: 'asynchronous',
    });
    const [call] = eventBridge.commandCalls(PutEventsCommand);
    expect(call?.args[0].input.Entries).toEqual([
      {
        EventBusName: 'AccountHealthbus5678',
        Source: 'crm',
        DetailType: 'Contact Logged',
        Detail: '{"account_id":"ACME-1","at":"2026-11-20"}',
      },
    ]);
  });

  it('says so when EventBridge refuses the entry', async () => {
    cfn.on(DescribeStacksCommand).resolves(describeStack(OUTPUTS));
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });

    const { code, err } = await cli('send-event', 'Contact Logged', '{}', '--stack', 'AccountHealth');

    expect(code).toBe(2);
    expect(err).toMatch(/EventBridge refused the event: InternalFailure: try again/);
  });
});
