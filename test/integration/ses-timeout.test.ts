import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { SendOutcomeUnknownError } from '../../functions/core/ports.ts';

/**
 * An SES endpoint that accepts the connection and never answers: the mailer must give the send up
 * as "outcome unknown" (so the send path keeps its claim) rather than hang past the claim's lease.
 */

let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function silentEndpoint(): Promise<string> {
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

describe('SES mailer against an endpoint that never answers', () => {
  it('gives the send up as outcome unknown after its request timeout', async () => {
    const endpoint = await silentEndpoint();
    const mailer = new SesMailer(createSesClient('us-east-1', endpoint, 500), {
      sender: 'checkins@example.com',
      maxPerSecond: 10,
    });

    const sent = mailer.send({
      to: 'ada@example.com',
      subject: 'Hello',
      html: '<p>Hi</p>',
      text: 'Hi',
      tags: {},
    });

    await expect(sent).rejects.toBeInstanceOf(SendOutcomeUnknownError);
    expect(sockets.length).toBeGreaterThan(0);
  });
});
