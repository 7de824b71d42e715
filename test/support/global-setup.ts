import type { TestProject } from 'vitest/node';
import {
  freePort,
  type RunningService,
  startDynamoDbLocal,
  startSesLocal,
} from '../../functions/local/services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
    sesEndpoint: string;
  }
}

let services: RunningService[] = [];

export async function setup(project: TestProject) {
  const [ddb, ses] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    freePort().then((port) => startSesLocal({ port })),
  ]);
  services = [ddb, ses];
  project.provide('ddbEndpoint', ddb.url);
  project.provide('sesEndpoint', ses.url);
}

export async function teardown() {
  await Promise.all(services.map((s) => s.stop()));
}
