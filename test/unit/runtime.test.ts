import { describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAME } from '../../functions/adapters/dynamodb/table-design.ts';
import { localRuntime, readRuntime, required } from '../../functions/config/runtime.ts';

describe('readRuntime', () => {
  it('reads what the stack gives a function', () => {
    const runtime = readRuntime({
      AH_TABLE_NAME: 'AccountHealth-table-1X2Y3Z',
      AWS_REGION: 'eu-west-1',
      AH_SENDER: 'checkins@example.com',
      AH_PUBLIC_BASE_URL: 'https://abc.execute-api.eu-west-1.amazonaws.com/',
      AH_CONFIGURATION_SET: 'account-health',
      AH_BUS_NAME: 'account-health-bus',
    });
    expect(runtime).toEqual({
      tableName: 'AccountHealth-table-1X2Y3Z',
      region: 'eu-west-1',
      ddbEndpoint: undefined,
      sesEndpoint: undefined,
      sender: 'checkins@example.com',
      publicBaseUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
      configurationSet: 'account-health',
      busName: 'account-health-bus',
    });
  });

  it('falls back to the local table and us-east-1 when unset', () => {
    expect(readRuntime({})).toMatchObject({
      tableName: LOCAL_TABLE_NAME,
      region: 'us-east-1',
      sender: undefined,
    });
  });

  it('names every bad variable in one message', () => {
    expect(() =>
      readRuntime({
        AH_TABLE_NAME: 'x',
        AH_DDB_ENDPOINT: '127.0.0.1 port 8000',
        AH_SES_ENDPOINT: 'ftp://127.0.0.1:8005',
        AH_SENDER: 'not an address',
      }),
    ).toThrow(
      'Invalid environment: AH_TABLE_NAME: expected a DynamoDB table name; AH_DDB_ENDPOINT: expected a URL; ' +
        'AH_SES_ENDPOINT: expected an http(s) URL; AH_SENDER: expected an email address',
    );
  });

  it('points the local runtime at npm start’s ports unless told otherwise', () => {
    const runtime = localRuntime({ AH_DDB_PORT: '9100' });
    expect(runtime.ddbEndpoint).toBe('http://127.0.0.1:9100');
    expect(runtime.sesEndpoint).toBe('http://127.0.0.1:8005');
    expect(runtime.publicBaseUrl).toBe('http://localhost:3000');
  });

  it('stops a job that cannot send without a sender, naming the variable', () => {
    expect(() => required(readRuntime({}), 'sender')).toThrow(/AH_SENDER is not set/);
  });
});
