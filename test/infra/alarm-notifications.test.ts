import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SILENT_ALARMS_WARNING } from '../../lib/constructs/monitoring.ts';
import { resourcesOf, synthStack } from './stack-fixture.ts';

describe('alarm notifications', () => {
  it('without alarmEmail or alarmTopicArn: no topic, no action, and synth says once that alarms are silent', () => {
    const { stack, template } = synthStack();
    template.resourceCountIs('AWS::SNS::Topic', 0);
    for (const [id, alarm] of resourcesOf(template, 'AWS::CloudWatch::Alarm'))
      expect(alarm.AlarmActions, id).toBeUndefined();
    const warnings = Annotations.fromStack(stack).findInfo(
      '*',
      Match.stringLikeRegexp('Alarms notify nobody'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.entry.data).toContain(SILENT_ALARMS_WARNING);
  });

  it('-c alarmEmail=... creates an encrypted, TLS-only topic with an email subscription, and every alarm notifies it', () => {
    const { stack, template } = synthStack({ context: { alarmEmail: 'ops@acme.example' } });
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('alarmtopickey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@acme.example',
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Effect: 'Allow' }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(10);
    for (const [id, alarm] of alarms) expect(alarm.AlarmActions, id).toEqual([{ Ref: topicId }]);
    expect(
      Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('Alarms notify nobody')),
    ).toEqual([]);
  });

  it('refuses an alarmEmail that is not an address, naming the key', () => {
    expect(() => synthStack({ context: { alarmEmail: 'ops at acme' } })).toThrow(/alarmEmail/);
  });
});
