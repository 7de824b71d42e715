import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { SurveyStore } from '../../functions/adapters/dynamodb/survey-store.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createRouteHttp } from '../../functions/handlers/http-routes.ts';
import { daysBefore, importRecord } from './builders.ts';
import { createTestTable, type TestTable, tableSnapshot } from './local-aws.ts';

/** A table with accounts, the real stores and the real router, on a clock the test moves. */
export interface SurveyFixture {
  table: TestTable;
  surveys: SurveyStore;
  addresses: AddressStore;
  events: RecordingPublisher;
  clock: { now: Date };
  route: ReturnType<typeof createRouteHttp>;
  /** Every item of the test's own table, sorted: a test may Scan its own table to prove nothing changed. */
  snapshot(): Promise<string[]>;
}

export async function createSurveyFixture(
  label: string,
  now: Date,
  accountIds: string[],
): Promise<SurveyFixture> {
  const table = await createTestTable(label);
  await importRecords(
    table.store,
    accountIds.map((id) => importRecord(id, { lastContactAt: daysBefore(now, 60) })),
    { now },
  );
  const surveys = new SurveyStore(table.db, table.runtime.tableName);
  const addresses = new AddressStore(table.db, table.runtime.tableName);
  const events = new RecordingPublisher();
  const clock = { now };
  const route = createRouteHttp({
    surveys,
    accounts: table.store,
    addresses,
    events,
    clock: () => clock.now,
    publicBaseUrl: 'https://links.example.test',
  });
  const snapshot = () => tableSnapshot(table);
  return { table, surveys, addresses, events, clock, route, snapshot };
}
