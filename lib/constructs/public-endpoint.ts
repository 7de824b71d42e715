import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ConfigError } from '../../functions/config/settings.ts';
import type { HttpRoute } from '../../functions/jobs.ts';

export interface PublicEndpointProps {
  /** Steady-state requests per second the stage lets through (the excess gets 429). */
  readonly rateLimit: number;
  /** Requests the stage absorbs in a burst above the rate. */
  readonly burstLimit: number;
  readonly logRetention: RetentionDays;
}

/**
 * The public survey and action links: an API Gateway HTTP API whose only routes are the ones the
 * jobs table declares, throttled on its default stage (link scanners prefetch every link of a
 * campaign at once), with JSON access logs that name the route template, never the path, so
 * tokens stay out of the logs. docs/deploy.md explains the choice over a Function URL.
 */
export class PublicEndpoint extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** `https://<id>.execute-api.<region>.amazonaws.com`, no trailing slash. */
  readonly url: string;
  private readonly routeKeys = new Set<string>();
  private readonly integrations = new Map<IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: PublicEndpointProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'api', {
      description: 'Account health: survey, unsubscribe and owner action links',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'access-logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'default-stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
    this.url = this.api.apiEndpoint;

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The routes are public links opened from email by people who have no account: each survey, ' +
        'unsubscribe or owner action link carries its own random, single-purpose, expiring token (stored ' +
        'hashed), which the handler checks; /health is deliberately open. The stage is throttled.',
    });
  }

  /** Routes a job's declared paths to its function; a GET route also answers HEAD. */
  addRoutes(job: string, fn: IFunction, routes: readonly HttpRoute[]): void {
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${job}-integration`, fn);
      this.integrations.set(fn, integration);
    }
    for (const route of routes) {
      if (!route.path.startsWith('/'))
        throw new ConfigError(
          `Job "${job}": HTTP route path ${JSON.stringify(route.path)} must start with "/"`,
        );
      const key = `${route.method} ${route.path}`;
      if (this.routeKeys.has(key)) throw new ConfigError(`Job "${job}": HTTP route ${key} is declared twice`);
      this.routeKeys.add(key);
      this.api.addRoutes({
        path: route.path,
        methods: route.method === 'GET' ? [HttpMethod.GET, HttpMethod.HEAD] : [HttpMethod[route.method]],
        integration,
      });
    }
  }
}
