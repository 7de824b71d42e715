import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccountHealthApp } from '../../lib/app.ts';
import { ALL_JOBS, CDK_JSON_CONTEXT, TEST_SENDER } from './stack-fixture.ts';

const outdir = mkdtempSync(join(tmpdir(), 'ah-nag-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// The app as bin/app.ts builds it (both packs registered there), with every kind of trigger.
const { app } = createAccountHealthApp({
  jobs: ALL_JOBS,
  outdir,
  context: { ...CDK_JSON_CONTEXT, sender: TEST_SENDER, 'aws:cdk:bundling-stacks': [] },
});

interface Report {
  pluginReports: Array<{ pluginName: string; violations: Array<{ ruleName: string; severity: string }> }>;
}

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it('finds nothing that is not acknowledged, warnings included', () => {
    // A finding of severity error makes synth throw with the report in its message.
    const assembly = app.synth();
    const report: Report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    const findings = report.pluginReports.flatMap((p) =>
      p.violations.map((v) => `${p.pluginName} ${v.severity} ${v.ruleName}`),
    );
    expect(findings).toEqual([]);
  });

  it('finds nothing either with -c alarmEmail (the alarm topic, its key and subscription)', () => {
    const withEmail = createAccountHealthApp({
      jobs: ALL_JOBS,
      outdir: mkdtempSync(join(outdir, 'email-')),
      context: {
        ...CDK_JSON_CONTEXT,
        sender: TEST_SENDER,
        alarmEmail: 'ops@acme.example',
        'aws:cdk:bundling-stacks': [],
      },
    });
    const assembly = withEmail.app.synth();
    const report: Report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    expect(
      report.pluginReports.flatMap((p) => p.violations.map((v) => `${p.pluginName} ${v.ruleName}`)),
    ).toEqual([]);
  });

  it('does report a non-compliant resource (the check is not vacuous)', () => {
    const probe = createAccountHealthApp({
      jobs: ALL_JOBS,
      outdir: mkdtempSync(join(outdir, 'probe-')),
      context: { ...CDK_JSON_CONTEXT, sender: TEST_SENDER, 'aws:cdk:bundling-stacks': [] },
    });
    new Queue(probe.stack, 'plain-queue');
    expect(() => probe.app.synth()).toThrow(/AwsSolutions-SQS4/);
  });

  it('gives every acknowledgement a written reason, and IAM5 only for exact findings', () => {
    const acknowledged = app.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(reason.length, id).toBeGreaterThan(40);
      if (id.includes('IAM5') || id.includes('IAM4')) expect(id, 'an exact finding id').toMatch(/\[.+\]$/);
    }
  });
});
