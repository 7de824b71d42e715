import { CloudFormationClient, DescribeStacksCommand, type Output } from '@aws-sdk/client-cloudformation';
import { STACK_OUTPUTS, type StackOutputKey } from '../../../lib/stack-outputs.ts';
import type { Runtime } from '../../config/runtime.ts';

/**
 * `--stack <name>`: finds a deployed stack's resources from its CloudFormation outputs, so every
 * command can talk to the real table (and `run` to the real SES and bus) instead of the local stack.
 * Region and credentials come from the usual AWS chain: AWS_REGION / AWS_PROFILE, ~/.aws/config, SSO.
 */

export class StackNotFoundError extends Error {
  constructor(
    readonly stackName: string,
    readonly region: string,
  ) {
    super(
      `There is no CloudFormation stack named "${stackName}" in ${region}.\n` +
        'Check the name (`npx cdk list` prints it; the default is AccountHealth) and the region ' +
        '(AWS_REGION, or the region of AWS_PROFILE), or deploy it with `npx cdk deploy`.',
    );
    this.name = 'StackNotFoundError';
  }
}

export class StackOutputMissingError extends Error {
  constructor(
    readonly stackName: string,
    readonly missing: StackOutputKey[],
    status: string | undefined,
    present: string[],
  ) {
    super(
      `The stack "${stackName}" (${status ?? 'status unknown'}) has no output ${missing.join(', ')}. ` +
        `Its outputs: ${present.length ? present.join(', ') : 'none'}.\n` +
        (status?.endsWith('_IN_PROGRESS')
          ? 'It is still being deployed: try again when CloudFormation has finished.'
          : 'Is it an account-health stack, deployed from this version? `npx cdk deploy` adds the output.'),
    );
    this.name = 'StackOutputMissingError';
  }
}

/** What a command needs to reach a deployed stack: its runtime, and where it was found. */
export interface DeployedStack {
  stackName: string;
  region: string;
  /** CloudFormation's status of the stack, e.g. UPDATE_COMPLETE. */
  status: string | undefined;
  runtime: Runtime;
  /** Every output of the stack, by key. */
  outputs: Record<string, string>;
}

/**
 * Reads a stack's outputs with DescribeStacks and points a runtime at its resources: the real table
 * (no endpoint override), the bus, the configuration set, the sender and the link base URL.
 * Fails naming the stack when it does not exist, and naming the output when one is missing.
 */
export async function resolveStack(
  stackName: string,
  client: CloudFormationClient = new CloudFormationClient({}),
): Promise<DeployedStack> {
  const region = await regionOf(client);
  let outputs: Output[];
  let status: string | undefined;
  try {
    const r = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = r.Stacks?.[0];
    if (!stack) throw new StackNotFoundError(stackName, region);
    outputs = stack.Outputs ?? [];
    status = stack.StackStatus;
  } catch (error) {
    // CloudFormation answers a missing stack with a ValidationError "Stack with id X does not exist".
    const e = error as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? ''))
      throw new StackNotFoundError(stackName, region);
    throw error;
  }
  const byKey: Record<string, string> = {};
  for (const o of outputs) if (o.OutputKey && o.OutputValue !== undefined) byKey[o.OutputKey] = o.OutputValue;
  const tableName = byKey[STACK_OUTPUTS.tableName];
  if (!tableName)
    throw new StackOutputMissingError(stackName, [STACK_OUTPUTS.tableName], status, Object.keys(byKey));
  return {
    stackName,
    region,
    status,
    outputs: byKey,
    runtime: {
      tableName,
      region,
      publicBaseUrl: byKey[STACK_OUTPUTS.publicBaseUrl]?.replace(/\/+$/, ''),
      busName: byKey[STACK_OUTPUTS.eventBusName],
      configurationSet: byKey[STACK_OUTPUTS.configurationSetName],
      sender: byKey[STACK_OUTPUTS.senderAddress],
    },
  };
}

/** Fails naming every output in `keys` the stack lacks (for commands that need more than the table). */
export function requireOutputs(stack: DeployedStack, keys: StackOutputKey[]): void {
  const missing = keys.filter((k) => !stack.outputs[k]);
  if (missing.length)
    throw new StackOutputMissingError(stack.stackName, missing, stack.status, Object.keys(stack.outputs));
}

async function regionOf(client: CloudFormationClient): Promise<string> {
  try {
    return await client.config.region();
  } catch {
    throw new Error(
      'No AWS region for --stack: set AWS_REGION, or a region in your AWS profile (AWS_PROFILE, ~/.aws/config).',
    );
  }
}
