/**
 * A configuration problem that stops start-up (or synth), with a message naming what to fix. Its
 * own module, so code that only reports config errors does not bundle the settings schema.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
