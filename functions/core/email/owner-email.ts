import type { Account } from '../account.ts';
import { html } from '../html.ts';
import { endSentence } from '../wording.ts';
import { code, emailShell, paragraph, type RenderedEmail, wrapText } from './layout.ts';

export interface OwnerNoteInput {
  account: Account;
  kind: 'owner-nudge' | 'owner-alert';
  reason: string;
  /** Where the owner can see the account (CLI hint or a console link). */
  accountHint: string;
}

/** A short note to the account owner: a nudge to reach out, or an alert that nobody can be reached. */
export function renderOwnerNote(input: OwnerNoteInput): RenderedEmail {
  const { account } = input;
  const subject =
    input.kind === 'owner-alert'
      ? `${account.name}: nobody to check in with (${input.reason})`
      : `${account.name} is due for a check-in`;
  const lines =
    input.kind === 'owner-alert'
      ? [
          endSentence(
            `${account.name} is due for a check-in, but there is nobody the tool can email: ${input.reason}`,
          ),
          'Please reach out yourself, and add or fix a contact so the next check-in can go out.',
        ]
      : [
          `${account.name} is due for a check-in (${account.tierReason}).`,
          'A short personal note or a call goes a long way. Log it when you have been in touch, so the clock resets.',
        ];
  const body = html`${lines.map((l) => paragraph(l))}${paragraph(code(input.accountHint))}`;
  return {
    subject,
    html: emailShell({ preheader: lines[0] ?? subject, body }),
    text: wrapText([...lines, '', input.accountHint].join('\n\n')),
  };
}
