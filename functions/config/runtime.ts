import { ConfigError } from './config-error.ts';

/** The local default; a deployed stack passes its generated name in AH_TABLE_NAME. */
export const LOCAL_TABLE_NAME = 'account-health';

/**
 * Where the code finds its AWS services and who it sends as, read once from the environment.
 * Deployed functions get these from the stack; locally `localRuntime` points at `npm start`'s stack.
 *
 * Checked by hand rather than with zod: this module is in every Lambda bundle, and for eight
 * variables `new URL()` and one pattern say the same as a schema would, where zod would add about
 * 30 kB and a few milliseconds to the cold start of functions that need it for nothing else.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Check = (value: string) => string | undefined;
const url: Check = (v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'expected an http(s) URL';
  } catch {
    return 'expected a URL';
  }
};
const email: Check = (v) => (EMAIL.test(v) ? undefined : 'expected an email address');
const nonEmpty: Check = (v) => (v.trim() ? undefined : 'expected a value');
const tableName: Check = (v) => (/^[\w.-]{3,255}$/.test(v) ? undefined : 'expected a DynamoDB table name');

const CHECKS = {
  AH_TABLE_NAME: tableName,
  AWS_REGION: nonEmpty,
  /** DynamoDB endpoint override; unset in AWS. */
  AH_DDB_ENDPOINT: url,
  /** SES v2 endpoint override; unset in AWS. */
  AH_SES_ENDPOINT: url,
  /** The verified address every email is sent from (the owner's name is shown with it). */
  AH_SENDER: email,
  /** Where survey, unsubscribe and action links point, e.g. https://abc.execute-api.../ */
  AH_PUBLIC_BASE_URL: url,
  AH_CONFIGURATION_SET: nonEmpty,
  /** The custom EventBridge bus; unset locally (the in-process bus is used). */
  AH_BUS_NAME: nonEmpty,
} satisfies Record<string, Check>;

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
  const problems: string[] = [];
  const read = (name: keyof typeof CHECKS): string | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    const problem = CHECKS[name](value);
    if (problem) problems.push(`${name}: ${problem}`);
    return value;
  };
  const runtime: Runtime = {
    tableName: read('AH_TABLE_NAME') ?? LOCAL_TABLE_NAME,
    region: read('AWS_REGION') ?? 'us-east-1',
    ddbEndpoint: read('AH_DDB_ENDPOINT'),
    sesEndpoint: read('AH_SES_ENDPOINT'),
    sender: read('AH_SENDER'),
    publicBaseUrl: read('AH_PUBLIC_BASE_URL')?.replace(/\/+$/, ''),
    configurationSet: read('AH_CONFIGURATION_SET'),
    busName: read('AH_BUS_NAME'),
  };
  if (problems.length) throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  return runtime;
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
