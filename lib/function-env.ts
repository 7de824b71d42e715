/**
 * The environment variables the stack hands to deployed functions: the one list of their names.
 * Plain data with no CDK import, so the functions' config schema can import it too and the two
 * sides cannot drift.
 */
export const FUNCTION_ENV = {
  /** Generated name of the single table. */
  tableName: 'AH_TABLE_NAME',
  /** The validated business settings (functions/config/settings.ts) as JSON. */
  settings: 'AH_SETTINGS',
  /** Name of the tool's custom EventBridge bus (functions that put events). */
  busName: 'AH_BUS_NAME',
  /** Sender identity: an email address or a domain verified in SES (functions that send email). */
  sender: 'AH_SENDER',
  /** SES configuration set every message is sent with (functions that send email). */
  configurationSet: 'AH_CONFIGURATION_SET',
  /** Base URL of the public survey and action links, no trailing slash (functions that send email). */
  publicBaseUrl: 'AH_PUBLIC_BASE_URL',
} as const;

export type FunctionEnvName = (typeof FUNCTION_ENV)[keyof typeof FUNCTION_ENV];
