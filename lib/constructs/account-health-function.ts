import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  type BundlingOptions,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { METRIC_NAMESPACE, METRIC_SERVICE } from '../../functions/shared/metric-names.ts';
import { FUNCTION_ENV } from '../function-env.ts';
import type { AccountHealthTable } from './account-health-table.ts';
import type { SenderGrant } from './email-sending.ts';

/** The repository root: job entries in the jobs table are relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What every function logs, traces and publishes metrics under (Powertools reads these). */
export const SERVICE_NAME = METRIC_SERVICE;
export const METRICS_NAMESPACE = METRIC_NAMESPACE;
/** Node.js options of every function: stack traces through the bundle's source map. */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

/**
 * esbuild emits ESM; bundled CommonJS dependencies (parts of the AWS SDK) still call `require`,
 * which ESM lacks, so the bundle starts by defining it.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __ahCreateRequire } from 'node:module'; const require = __ahCreateRequire(import.meta.url);";

/** The message catalogues (one module per language), relative to the repository root. */
export const CATALOGUE_DIR = 'functions/core/i18n/messages';

/**
 * How every function is bundled: a minified ESM bundle for Node.js 22 that includes the SDK v3
 * clients (so bundle size and init time are ours to measure), with a source map that names files
 * and lines but leaves the sources out (a smaller map loads faster). `npm run bench:bundle` builds
 * with exactly these options, through `esbuildOptionsOf`.
 */
export const FUNCTION_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  bundleAwsSDK: true,
  externalModules: [],
  banner: ESM_REQUIRE_BANNER,
  tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    // The message catalogues other than English, one small module per language beside the bundle,
    // loaded on first use (functions/core/i18n/catalogue.ts): never in the bundle a cold start reads.
    afterBundling: (inputDir: string, outputDir: string) => [
      `"${join(inputDir, 'node_modules', '.bin', 'esbuild')}" "${join(inputDir, CATALOGUE_DIR)}"/*.ts --outdir="${join(outputDir, 'messages')}" --format=esm --platform=node --target=node22 --minify --charset=utf8 --out-extension:.js=.mjs --log-level=warning`,
    ],
  },
} as const satisfies BundlingOptions;

/**
 * `FUNCTION_BUNDLING` as esbuild's API takes it: the flags `NodejsFunction` puts on the esbuild
 * command line for these options (`--bundle --platform=node --target --format --minify --sourcemap
 * --sources-content=false --tsconfig --banner:js --main-fields`), writing `outfile` and its map.
 */
export function esbuildOptionsOf(entry: string, outfile: string): BuildOptions {
  const b = FUNCTION_BUNDLING;
  return {
    entryPoints: [entry],
    bundle: true,
    outfile,
    platform: 'node',
    target: b.target,
    format: b.format,
    minify: b.minify,
    sourcemap: b.sourceMap,
    sourcesContent: b.sourcesContent,
    external: [...b.externalModules],
    tsconfig: b.tsconfig,
    banner: { js: b.banner },
    mainFields: [...b.mainFields],
    absWorkingDir: PROJECT_ROOT,
  };
}

export interface AccountHealthFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description?: string;
  /** Validated business settings, passed as AH_SETTINGS JSON. */
  readonly settingsJson: string;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * Publish the AccountHealth business metrics (EMF through Powertools Metrics); CloudWatch bills
   * each custom metric for the hours it receives data.
   * @default true
   */
  readonly businessMetrics?: boolean;
}

/**
 * Every Lambda of the tool, with every default in one place: Node.js 22 on arm64, a minified ESM
 * bundle that includes the SDK v3 clients (so bundle size and init time are ours to measure),
 * source maps, X-Ray, JSON logs into an explicit log group with retention, and a role that starts
 * with nothing but writing to that log group. Access is added by intent (`readsTable`,
 * `sendsEmailAs`, ...), each helper binding a grant and the env var that goes with it.
 */
export class AccountHealthFunction extends NodejsFunction {
  readonly executionRole: Role;
  /** Absolute path of the handler module this function bundles. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: AccountHealthFunctionProps) {
    // The role and log group are made before the function (a subclass cannot add children before
    // super()), as siblings with derived ids, so the role never gets the managed
    // AWSLambdaBasicExecutionRole policy (logs:* on every log group).
    const logGroup = new LogGroup(scope, `${id}-logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}-role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${scope.node.path}/${id}`,
    });
    logGroup.grantWrite(role);

    const entry = join(PROJECT_ROOT, props.entry);
    super(scope, id, {
      entry,
      handler: 'handler',
      description: props.description,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...(props.businessMetrics === false ? { POWERTOOLS_METRICS_DISABLED: 'true' } : {}),
        [FUNCTION_ENV.settings]: props.settingsJson,
      },
      bundling: FUNCTION_BUNDLING,
    });
    this.executionRole = role;
    this.entry = entry;

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray statement added by active tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) ' +
        'uses Resource "*": X-Ray does not support resource-level permissions for these actions.',
    });
    const runtimeReason =
      'Node.js 22 is the deliberate, explicit runtime of the project (issue 7): the bundle target and the ' +
      'local runtime match it. Moving to a newer runtime is a one-line change in AccountHealthFunction.';
    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-L1', reason: runtimeReason },
      { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
    );
  }

  /** Point reads and queries of the table and its indexes (no Scan). */
  readsTable(table: AccountHealthTable): this {
    this.addToRolePolicy(
      new PolicyStatement({
        sid: 'ReadTableItems',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
        resources: [table.table.tableArn],
      }),
    );
    this.addToRolePolicy(
      new PolicyStatement({
        sid: 'QueryTableAndIndexes',
        actions: ['dynamodb:Query'],
        resources: [table.table.tableArn, ...table.indexArns],
      }),
    );
    this.addEnvironment(FUNCTION_ENV.tableName, table.table.tableName);
    return this;
  }

  /**
   * Reads plus item writes. TransactWriteItems is authorised per item by these same actions
   * (Put/Update/Delete/ConditionCheckItem), so it needs no action of its own.
   */
  writesTable(table: AccountHealthTable): this {
    this.readsTable(table);
    this.addToRolePolicy(
      new PolicyStatement({
        sid: 'WriteTableItems',
        actions: [
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
        ],
        resources: [table.table.tableArn],
      }),
    );
    return this;
  }

  /**
   * SES v2 SendEmail, only from the configured sender address (the owner's name is shown with it)
   * and only through the tool's configuration set, which SES authorises as a resource of the send.
   */
  sendsEmailAs(email: SenderGrant): this {
    this.addToRolePolicy(
      new PolicyStatement({
        sid: 'SendEmail',
        actions: ['ses:SendEmail'],
        resources: [...email.identityArns, email.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': email.sender } },
      }),
    );
    this.addEnvironment(FUNCTION_ENV.sender, email.sender);
    this.addEnvironment(FUNCTION_ENV.configurationSet, email.configurationSetName);
    return this;
  }

  /** PutEvents on the tool's bus only. */
  putsEventsTo(bus: IEventBus): this {
    bus.grantPutEventsTo(this);
    this.addEnvironment(FUNCTION_ENV.busName, bus.eventBusName);
    return this;
  }

  /** The base URL that survey and action links in emails start with. */
  linksTo(publicBaseUrl: string): this {
    this.addEnvironment(FUNCTION_ENV.publicBaseUrl, publicBaseUrl);
    return this;
  }

  /**
   * For asynchronous invocations (schedules, rules): Lambda retries a failed run, then sends the
   * event with the error to `queue` (an on-failure destination, which records more than the legacy
   * DeadLetterConfig would).
   */
  sendsFailuresTo(queue: IQueue, options: { retryAttempts: number; maxEventAge: Duration }): this {
    this.configureAsyncInvoke({
      onFailure: new SqsDestination(queue),
      retryAttempts: options.retryAttempts,
      maxEventAge: options.maxEventAge,
    });
    Validations.of(this).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Failed asynchronous invocations go to an on-failure destination (the job dead-letter queue, see ' +
        'EventInvokeConfig), which records the error with the event; a DeadLetterConfig as well would ' +
        'deliver every failure twice.',
    });
    return this;
  }
}
