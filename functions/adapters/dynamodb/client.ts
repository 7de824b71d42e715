import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../../config/runtime.ts';
import { withoutSdkLogging } from '../sdk-logging.ts';

/** Local endpoints accept any credentials; the real ones come from the Lambda role. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createDocumentClient(
  runtime: Pick<Runtime, 'region' | 'ddbEndpoint'>,
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: runtime.region,
    ...(runtime.ddbEndpoint ? { endpoint: runtime.ddbEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
  withoutSdkLogging(client);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
