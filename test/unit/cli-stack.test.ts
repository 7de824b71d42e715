import {
  CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  requireOutputs,
  resolveStack,
  StackNotFoundError,
  StackOutputMissingError,
} from '../../functions/adapters/cloudformation/stack-resolver.ts';
import { createCliContext } from '../../functions/cli/context.ts';
import { STACK_OUTPUTS } from '../../lib/account-health-stack.ts';
import { runCli } from '../support/cli.ts';

const cfn = mockClient(CloudFormationClient);
const ddb = mockClient(DynamoDBDocumentClient);

const OUTPUTS = {
  [STACK_OUTPUTS.tableName]: 'AccountHealth-datatable1234-ABCDEF',
  [STACK_OUTPUTS.eventBusName]: 'AccountHealthbus5678',
  [STACK_OUTPUTS.configurationSetName]: 'emailconfigurationset9012',
  [STACK_OUTPUTS.publicBaseUrl]: 'https://abc123.execute-api.eu-west-1.amazonaws.com/',
  [STACK_OUTPUTS.senderAddress]: 'checkins@acme.example',
};

function stackWith(
  outputs: Record<string, string>,
  status: StackStatus = 'UPDATE_COMPLETE',
): Omit<DescribeStacksCommandOutput, '$metadata'> {
  return {
    Stacks: [
      {
        StackName: 'AccountHealth',
        StackStatus: status,
        CreationTime: new Date('2026-11-01T00:00:00Z'),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  };
}

const missingStack = () =>
  Object.assign(new Error('Stack with id Nope does not exist'), { name: 'ValidationError' });

const client = () => new CloudFormationClient({ region: 'eu-west-1' });

beforeEach(() => {
  cfn.reset();
  ddb.reset();
});
afterEach(() => vi.unstubAllEnvs());

describe('--stack: finding a deployed stack through its outputs', () => {
  it('points the runtime at the stack resources, in the client region, with no endpoint override', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'AccountHealth' }).resolves(stackWith(OUTPUTS));

    const stack = await resolveStack('AccountHealth', client());

    expect(stack.region).toBe('eu-west-1');
    expect(stack.runtime).toEqual({
      tableName: 'AccountHealth-datatable1234-ABCDEF',
      region: 'eu-west-1',
      busName: 'AccountHealthbus5678',
      configurationSet: 'emailconfigurationset9012',
      publicBaseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
      sender: 'checkins@acme.example',
    });
    expect(stack.runtime.ddbEndpoint).toBeUndefined();
    expect(stack.runtime.sesEndpoint).toBeUndefined();
  });

  it('says there is no such stack, naming it and the region', async () => {
    cfn.on(DescribeStacksCommand).rejects(missingStack());

    const resolving = resolveStack('Nope', client());

    await expect(resolving).rejects.toThrow(StackNotFoundError);
    await expect(resolving).rejects.toThrow(/no CloudFormation stack named "Nope" in eu-west-1/);
  });

  it('names a missing table output, the stack status and the outputs it does have', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith({ Other: 'x' }, 'ROLLBACK_COMPLETE'));

    const resolving = resolveStack('AccountHealth', client());

    await expect(resolving).rejects.toThrow(StackOutputMissingError);
    await expect(resolving).rejects.toThrow(
      /"AccountHealth" \(ROLLBACK_COMPLETE\) has no output TableName\. Its outputs: Other/,
    );
  });

  it('tells a command that needs more than the table which outputs are missing', async () => {
    const { [STACK_OUTPUTS.senderAddress]: _, ...withoutSender } = OUTPUTS;
    cfn.on(DescribeStacksCommand).resolves(stackWith(withoutSender));
    const stack = await resolveStack('AccountHealth', client());

    expect(() => requireOutputs(stack, [STACK_OUTPUTS.tableName, STACK_OUTPUTS.senderAddress])).toThrow(
      /has no output SenderAddress\./,
    );
  });

  it('builds the CLI context on the deployed table, and never calls CloudFormation without --stack', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith(OUTPUTS));

    const deployed = await createCliContext({}, { stack: 'AccountHealth', cloudFormation: client() });
    const local = await createCliContext({ AH_DDB_PORT: '8123' });

    expect(deployed.runtime.tableName).toBe('AccountHealth-datatable1234-ABCDEF');
    expect(await deployed.db.config.endpoint?.()).toBeUndefined();
    expect(await deployed.db.config.region()).toBe('eu-west-1');
    expect(local.stack).toBeUndefined();
    expect(local.runtime.ddbEndpoint).toBe('http://127.0.0.1:8123');
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(1);
  });
});

describe('the --stack option of every command', () => {
  const cli = (...args: string[]) => runCli(args, { AWS_REGION: 'eu-west-1' });

  it('reads the deployed table when given before or after the command', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    cfn.on(DescribeStacksCommand).resolves(stackWith(OUTPUTS));
    ddb.onAnyCommand().resolves({ Items: [] });

    for (const args of [
      ['--stack', 'AccountHealth', 'accounts', '--json'],
      ['accounts', '--json', '--stack', 'AccountHealth'],
    ]) {
      const { code, out } = await cli(...args);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual([]);
    }
    const tables = ddb.calls().map((c) => (c.args[0].input as { TableName?: string }).TableName);
    expect(tables.length).toBeGreaterThan(0);
    expect(new Set(tables)).toEqual(new Set(['AccountHealth-datatable1234-ABCDEF']));
  });

  it('fails with exit code 2 and a message naming the stack when it does not exist', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    cfn.on(DescribeStacksCommand).rejects(missingStack());

    const { code, err } = await cli('accounts', '--stack', 'Nope');

    expect(code).toBe(2);
    expect(err).toMatch(/^error: There is no CloudFormation stack named "Nope" in eu-west-1/);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses to run a job against a stack that lacks an output the job needs', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    const { [STACK_OUTPUTS.senderAddress]: _, ...withoutSender } = OUTPUTS;
    cfn.on(DescribeStacksCommand).resolves(stackWith(withoutSender));

    const { code, err } = await cli('run', 'scan', '--stack', 'AccountHealth');

    expect(code).toBe(2);
    expect(err).toMatch(/has no output SenderAddress/);
    expect(ddb.calls()).toHaveLength(0);
  });
});
