import * as z from 'zod/mini';
import { LOCAL_TABLE_NAME } from '../adapters/dynamodb/table-design.ts';
import './zod-messages.ts';
import { ConfigError } from './config-error.ts';

/**
 * Where the code finds its AWS services and who it sends as, read once from the environment.
 * Deployed functions get these from the stack; locally `localRuntime` points at `npm start`'s stack.
 */
const runtimeSchema = z.object({
  AH_TABLE_NAME: z._default(z.string().check(z.minLength(3)), LOCAL_TABLE_NAME),
  AWS_REGION: z._default(z.string(), 'us-east-1'),
  /** DynamoDB endpoint override; unset in AWS. */
  AH_DDB_ENDPOINT: z.optional(z.url()),
  /** SES v2 endpoint override; unset in AWS. */
  AH_SES_ENDPOINT: z.optional(z.url()),
  /** The verified address every email is sent from (the owner's name is shown with it). */
  AH_SENDER: z.optional(z.email()),
  /** Where survey, unsubscribe and action links point, e.g. https://abc.execute-api.../ */
  AH_PUBLIC_BASE_URL: z.optional(z.url()),
  AH_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
  /** The custom EventBridge bus; unset locally (the in-process bus is used). */
  AH_BUS_NAME: z.optional(z.string().check(z.minLength(1))),
});

export type Runtime = {
  tableName: string;
  region: string;
  ddbEndpoint?: string | undefined;
  sesEndpoint?: string | undefined;
  sender?: string | undefined;
  publicBaseUrl?: string | undefined;
  configurationSet?: string | undefined;
  busName?: string | undefined;
};

/** The defaults of a process pointed at the local stack on the usual ports (CLI, `npm start`). */
export function localRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const host = '127.0.0.1';
  return readRuntime({
    AH_DDB_ENDPOINT: `http://${host}:${env.AH_DDB_PORT ?? '8000'}`,
    AH_SES_ENDPOINT: `http://${host}:${env.AH_SES_PORT ?? '8005'}`,
    AH_SENDER: 'checkins@account-health.localhost',
    AH_PUBLIC_BASE_URL: `http://localhost:${env.AH_HTTP_PORT ?? '3000'}`,
    ...env,
  });
}

export function readRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const parsed = runtimeSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${names}`);
  }
  const e = parsed.data;
  return {
    tableName: e.AH_TABLE_NAME,
    region: e.AWS_REGION,
    ddbEndpoint: e.AH_DDB_ENDPOINT,
    sesEndpoint: e.AH_SES_ENDPOINT,
    sender: e.AH_SENDER,
    publicBaseUrl: e.AH_PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    configurationSet: e.AH_CONFIGURATION_SET,
    busName: e.AH_BUS_NAME,
  };
}

const ENV_NAME: Record<'sender' | 'publicBaseUrl', string> = {
  sender: 'AH_SENDER',
  publicBaseUrl: 'AH_PUBLIC_BASE_URL',
};

/** A value a job cannot run without: stops start-up with the variable's name when missing. */
export function required(runtime: Runtime, key: 'sender' | 'publicBaseUrl'): string {
  const value = runtime[key];
  if (!value) throw new ConfigError(`${ENV_NAME[key]} is not set; this function cannot send without it`);
  return value;
}
