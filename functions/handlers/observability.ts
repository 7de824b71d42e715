import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger of the service. Structured keys only: never an email address, a name or a
 * token in a log line (log account ids and counts instead).
 */
export const logger = new Logger({ serviceName: 'account-health' });
