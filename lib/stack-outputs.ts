/**
 * Keys of the stack's outputs: the one list of their names. Plain data with no CDK import, so the
 * CLI (`account-health --stack <name>`) can read them without loading the CDK.
 */
export const STACK_OUTPUTS = {
  /** Base URL of the survey and action links. */
  publicBaseUrl: 'PublicBaseUrl',
  /** The DynamoDB table. */
  tableName: 'TableName',
  /** The tool's EventBridge bus. */
  eventBusName: 'EventBusName',
  /** The SES configuration set every email is sent with. */
  configurationSetName: 'ConfigurationSetName',
  /** The verified address email is sent from (only when the stack has a sender). */
  senderAddress: 'SenderAddress',
} as const;

export type StackOutputKey = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];
