/**
 * Imported first by benchmarks that load handler modules: Powertools reads its environment once,
 * when the handlers' observability module loads. Handlers log errors only, and publish no metrics
 * (in a function, one EMF line on stdout per request; here it would flood the terminal).
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
