import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { forbiddenInputs } from '../../bench/bundle-analysis.ts';
import { JOBS } from '../../functions/jobs.ts';
import { createAccountHealthApp } from '../../lib/app.ts';
import { esbuildOptionsOf, PROJECT_ROOT } from '../../lib/constructs/account-health-function.ts';
import { CDK_JSON_CONTEXT, resourcesOf, TEST_SENDER } from './stack-fixture.ts';

const outdir = mkdtempSync(join(tmpdir(), 'ah-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// One real synth with bundling, offline and without Docker: esbuild from node_modules. Only the
// HTTP job, so the suite bundles once.
const httpJobs = JOBS.filter((j) => j.trigger.kind === 'http');
const { app, stack } = createAccountHealthApp({
  jobs: httpJobs,
  outdir,
  context: { ...CDK_JSON_CONTEXT, sender: TEST_SENDER },
});
const assembly = app.synth();
const [[, fn] = ['', {}]] = resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Function');
const assetDir = join(assembly.directory, `asset.${String(fn.Code.S3Key).replace(/\.zip$/, '')}`);
const bundle = join(assetDir, 'index.mjs');

describe('esbuild bundling of the HTTP function', () => {
  it('writes a minified ESM bundle with its source map', () => {
    expect(existsSync(bundle)).toBe(true);
    expect(existsSync(`${bundle}.map`)).toBe(true);
    const code = readFileSync(bundle, 'utf8');
    expect(code.startsWith('import { createRequire')).toBe(true);
    expect(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/.test(code)).toBe(true);
    // Minified: a few very long lines (newlines survive only inside template literals).
    expect(code.length / code.split('\n').length).toBeGreaterThan(2_000);
    console.info(`http bundle: ${(statSync(bundle).size / 1024).toFixed(0)} kB`);
  });

  it('ships each non-English catalogue beside the bundle, not in it, and the bundle finds them', async () => {
    for (const lang of ['de', 'es', 'fr', 'ja', 'pt'])
      expect(existsSync(join(assetDir, 'messages', `${lang}.mjs`)), lang).toBe(true);
    expect(readFileSync(bundle, 'utf8')).not.toContain('Wie wahrscheinlich ist es');
    // The bundle in plain Node, as Lambda runs it: a damaged link asked for in German (no store
    // read) gets the German page, from messages/de.mjs beside the bundle.
    const event = {
      version: '2.0',
      routeKey: 'GET /s/{token}',
      rawPath: '/s/damaged',
      rawQueryString: '',
      headers: { 'accept-language': 'de-DE,de;q=0.9' },
      requestContext: { http: { method: 'GET', path: '/s/damaged' }, domainName: 'example.test' },
      isBase64Encoded: false,
    };
    const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      process.stdout.write(JSON.stringify(await m.handler(${JSON.stringify(event)})));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AH_TABLE_NAME: 'account-health-test',
        AH_SETTINGS: fn.Environment.Variables.AH_SETTINGS,
        POWERTOOLS_DEV: 'true',
      },
      encoding: 'utf8',
    });
    const page = JSON.parse(out) as { statusCode: number; body: string };
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('<html lang="de" dir="ltr">');
    expect(page.body).toContain('Dieser Link scheint beschädigt zu sein');
  });

  it('bundles the AWS SDK v3 instead of relying on the runtime copy', () => {
    const code = readFileSync(bundle, 'utf8');
    // (One SDK error message quotes `[require("@aws-sdk/signature-v4-crt")]`: not an import.)
    expect(/from\s*["']@aws-sdk\//.test(code)).toBe(false);
    expect(/(?<![[\w])require\(["']@aws-sdk\//.test(code)).toBe(false);
    expect(code.includes('DynamoDBClient')).toBe(true);
  });

  it('loads in plain Node as Lambda would and answers GET /health', () => {
    const event = {
      version: '2.0',
      routeKey: 'GET /health',
      rawPath: '/health',
      rawQueryString: '',
      headers: {},
      requestContext: { http: { method: 'GET', path: '/health' }, domainName: 'example.test' },
      isBase64Encoded: false,
    };
    const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      process.stdout.write(JSON.stringify(await m.handler(${JSON.stringify(event)})));`;
    const out = execFileSync(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '-e', script],
      {
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          AH_TABLE_NAME: 'account-health-test',
          AH_SETTINGS: fn.Environment.Variables.AH_SETTINGS,
          POWERTOOLS_DEV: 'true',
        },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    const result = JSON.parse(out);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'ok' });
  });
});

describe('the bundling options, shared with npm run bench:bundle', () => {
  it('build, through esbuild directly, the very bundle the stack deploys', async () => {
    const [job] = httpJobs;
    const file = join(outdir, 'direct', 'index.mjs');
    await build({ ...esbuildOptionsOf(join(PROJECT_ROOT, job?.entry ?? ''), file), logLevel: 'error' });
    expect(readFileSync(file).equals(readFileSync(bundle))).toBe(true);
  });

  it.each(JOBS.map((job) => [job.name, job] as const))(
    'keep the local runtime, the CLI, the CDK app, the settings schema and classic zod out of the %s function',
    async (_name, job) => {
      const result = await build({
        ...esbuildOptionsOf(join(PROJECT_ROOT, job.entry), join(outdir, job.name, 'index.mjs')),
        write: false,
        metafile: true,
        logLevel: 'error',
      });
      expect(forbiddenInputs(result.metafile)).toEqual([]);
    },
  );
});
