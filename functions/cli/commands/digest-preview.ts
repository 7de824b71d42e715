import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { SurveyStore } from '../../adapters/dynamodb/survey-store.ts';
import { digestCounts } from '../../core/digest/build-digest.ts';
import { composeDigest, linksExpireOn } from '../../core/digest/send-digests.ts';
import { renderDigestEmail } from '../../core/email/digest-email.ts';
import { parseIsoDateOrInstant } from '../../core/time.ts';
import { printJson, writeOut } from '../format.ts';
import type { CommandKit } from '../program.ts';

const DEFAULT_OUT = '.data/digest-preview.html';

interface PreviewOptions {
  owner: string;
  out?: string;
  now?: string;
  json?: boolean;
}

/**
 * Renders an owner's digest as it would go out now, into an HTML file to open in a browser. Sends
 * nothing, records nothing and mints no links: the action buttons are placeholders.
 */
export function registerDigestPreview(program: Command, kit: CommandKit): void {
  program
    .command('digest-preview')
    .description("Write an owner's digest, as it would go out now, to an HTML file (sends nothing)")
    .requiredOption('--owner <email>', 'the account owner')
    // Under .data/, which git and Biome ignore: a preview in the checkout would fail `npm test`'s lint.
    .option('--out <file>', 'where to write it', DEFAULT_OUT)
    .option('--now <ISO>', 'the time the preview pretends it is (default: now)')
    .option('--json', 'print the preview (period, subject, counts, html, text) as JSON; no file unless --out')
    .action(
      kit.action(async (opts: PreviewOptions, cmd: Command) => {
        const ctx = kit.context();
        const now = opts.now === undefined ? ctx.now() : parseIsoDateOrInstant(opts.now);
        if (!now) throw new Error(`--now ${opts.now} is not an ISO date or time (e.g. 2026-11-23T09:30:00Z)`);
        const owners = await ctx.store.listOwners();
        const email = opts.owner.trim().toLowerCase();
        const owner = owners.find((o) => o.email.toLowerCase() === email);
        if (!owner) throw new Error(`No account owner with that address (see: npx account-health accounts)`);
        const digest = await composeDigest(
          {
            book: ctx.store,
            responses: new SurveyStore(ctx.db, ctx.runtime.tableName),
            settings: ctx.settings,
          },
          owner,
          now,
        );
        for (const item of digest.sections.flatMap((s) => s.items))
          for (const a of item.actions) a.url = '#preview';
        const email2 = renderDigestEmail({
          digest,
          settings: ctx.settings,
          linksExpireOn: linksExpireOn(digest),
          previewNote: `Preview of the ${digest.period.id} digest: nothing was sent, and the buttons do nothing here.${
            digest.empty && !ctx.settings.digest.sendWhenEmpty
              ? ' With nothing to report, this digest would not be sent.'
              : ''
          }`,
        });
        const summary = { period: digest.period.id, subject: email2.subject, counts: digestCounts(digest) };
        // --json is for machines: the preview comes back on stdout, and a file only when --out asks.
        const toFile = !opts.json || cmd.getOptionValueSource('out') === 'cli';
        const file = toFile ? resolve(opts.out ?? DEFAULT_OUT) : undefined;
        if (file) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, email2.html);
        }
        if (opts.json)
          printJson({ ...summary, ...(file ? { file } : {}), html: email2.html, text: email2.text });
        else writeOut(`${email2.subject}\nWrote ${file}: open it in a browser.\n`);
        return 0;
      }),
    );
}
