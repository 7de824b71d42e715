import { z } from 'zod';
import { LOCAL_TABLE_NAME } from '../adapters/dynamodb/table-design.ts';

/**
 * Where the code finds its AWS services, read once from the environment. Deployed functions get
 * these from the stack; locally the defaults point at the local stack of `npm start`.
 */
const runtimeSchema = z.object({
  AH_TABLE_NAME: z.string().min(3).default(LOCAL_TABLE_NAME),
  AWS_REGION: z.string().default('us-east-1'),
  /** DynamoDB endpoint override; unset in AWS. */
  AH_DDB_ENDPOINT: z.url().optional(),
  /** SES v2 endpoint override; unset in AWS. */
  AH_SES_ENDPOINT: z.url().optional(),
});

export type Runtime = {
  tableName: string;
  region: string;
  ddbEndpoint?: string | undefined;
  sesEndpoint?: string | undefined;
};

/** The runtime of a process pointed at the local stack on the usual ports (CLI default). */
export function localRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const host = '127.0.0.1';
  return readRuntime({
    AH_DDB_ENDPOINT: `http://${host}:${env.AH_DDB_PORT ?? '8000'}`,
    AH_SES_ENDPOINT: `http://${host}:${env.AH_SES_PORT ?? '8005'}`,
    ...env,
  });
}

export function readRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const parsed = runtimeSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${names}`);
  }
  const e = parsed.data;
  return {
    tableName: e.AH_TABLE_NAME,
    region: e.AWS_REGION,
    ddbEndpoint: e.AH_DDB_ENDPOINT,
    sesEndpoint: e.AH_SES_ENDPOINT,
  };
}
