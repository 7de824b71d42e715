import { inject } from 'vitest';

/** An email as aws-ses-v2-local keeps it in GET /store. */
export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers: Array<{ name: string; value: string }>;
  at: number;
}

/**
 * The emails in the run's shared SES local whose recipients end with `domain`. Each test file
 * uses its own recipient domain, so files running in parallel never see each other's mail.
 */
export async function emailsTo(domain: string): Promise<StoredEmail[]> {
  const r = await fetch(`${inject('sesEndpoint')}/store`);
  const { emails } = (await r.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.some((to) => to.endsWith(domain)));
}

export const header = (email: StoredEmail, name: string) =>
  email.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
