import { AddressStore } from '../../adapters/dynamodb/address.entity.ts';
import type { Runtime } from '../../config/runtime.ts';
import type { Settings } from '../../config/settings.ts';
import type { SesEventsDeps } from '../ses-events.handler.ts';
import { dbOf, type WiringOverrides } from './adapters.ts';

/** The SES feedback job: the address book it suppresses in (no settings needed). */
export function createSesEventsDeps(
  runtime: Runtime,
  _settings?: Settings,
  overrides: WiringOverrides = {},
): SesEventsDeps {
  return { addresses: new AddressStore(dbOf(runtime, overrides), runtime.tableName) };
}
