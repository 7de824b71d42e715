import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { voiceFor } from '../../../functions/core/i18n/voice.ts';
import { renderSurveyPage } from '../../../functions/core/survey/survey-page.ts';
import { singleLineProblem } from '../../../functions/core/text-policy.ts';

// A language nobody ships (Hebrew), added the way a user adds one: one file in messages/. Its
// name carries this test's process id, so a parallel run never sees another run's file.
const TAG = `he-x-t${process.pid}`;
const FILE = fileURLToPath(new URL(`../../../functions/core/i18n/messages/${TAG}.ts`, import.meta.url));
const HEBREW = `export default {
  dir: 'rtl',
  messages: {
    'greeting.named': 'שלום {name},',
    'survey.question.nps': '{about, select, named {עד כמה סביר שתמליצו על {name} לחבר או לעמית?} other {עד כמה סביר שתמליצו עלינו לחבר או לעמית?}}',
    'page.survey.heading': 'שלום {name}, איך אנחנו מתפקדים?',
  },
};
`;

afterAll(() => rmSync(FILE, { force: true }));

describe('right to left', () => {
  // Run in Node as `npm start` and the CLI run (tsx): the test runner resolves dynamic imports
  // from the files present when it compiled the module, which a file written now is not.
  it('a catalogue dropped into messages/ is found, and its pages and emails are dir="rtl"', () => {
    writeFileSync(FILE, HEBREW);
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const script = `
      import { parseSettings } from './functions/config/settings.ts';
      import { deriveAccount } from './functions/core/account.ts';
      import { renderSurveyEmail } from './functions/core/email/survey-email.ts';
      import { voiceFor } from './functions/core/i18n/voice.ts';
      import { renderSurveyPage } from './functions/core/survey/survey-page.ts';
      const settings = parseSettings({});
      const voice = await voiceFor(${JSON.stringify(TAG)}, settings);
      const account = deriveAccount({ accountId: 'A', name: 'Acme Ltd', ownerEmail: 'o@v.example', ownerName: 'Dana Levi',
        strategic: false, products: ['Ledger'] }, undefined, settings, new Date('2026-11-18T10:00:00Z'), undefined);
      const email = renderSurveyEmail({ account, contact: { accountId: 'A', email: 'x@acme.example', name: 'Noa Cohen', primary: true },
        kind: 'nps', cycle: 'c', surveyUrl: 'http://l/s/S', unsubscribeUrl: 'http://l/u/U', voice });
      const page = renderSurveyPage({ kind: 'nps', token: 'T'.repeat(24), contactName: 'Noa Cohen', voice });
      process.stdout.write(JSON.stringify({ dir: voice.t.dir, email, page }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    const { dir, email, page } = JSON.parse(out) as {
      dir: string;
      email: { html: string; text: string };
      page: string;
    };
    expect(dir).toBe('rtl');
    expect(email.html).toMatch(new RegExp(`<html lang="${TAG}" dir="rtl">`));
    // A Latin product name inside the Hebrew question is isolated, so punctuation stays in place.
    expect(email.html).toContain('על <bdi>Ledger</bdi> לחבר');
    expect(email.text).toContain('שלום \u2068Noa\u2069,');
    // What the file does not translate falls back to English, in the same email.
    expect(email.text).toContain('Thank you,');
    expect(page).toMatch(new RegExp(`<html lang="${TAG}" dir="rtl">`));
    expect(page).toContain('שלום <bdi>Noa</bdi>, איך אנחנו מתפקדים?');
  });

  it('isolates an Arabic name inside an English sentence, and the text policy still refuses bidi overrides in input', async () => {
    const voice = await voiceFor('en');
    const page = renderSurveyPage({
      kind: 'csat',
      token: 'T'.repeat(24),
      contactName: 'ليلى حداد',
      ownerName: 'עומר',
      voice,
    });
    expect(page).toContain('Hi <bdi>ليلى</bdi>, how are we doing?');
    expect(page).toContain('<bdi>עומר</bdi> asked for your feedback.');
    expect(singleLineProblem('Eve\u202Elive')).toMatch(/bidirectional override \(U\+202E\)/);
    expect(singleLineProblem('\u2067Eve\u2069')).toMatch(/bidirectional override/);
  });
});
