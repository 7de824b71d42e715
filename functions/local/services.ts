import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';

/**
 * Starts the real local services: the official DynamoDB Local (from the jar inside
 * amplify-dynamodb-simulator) and aws-ses-v2-local. Used by `npm start`, the tests and benchmarks.
 */

const require = createRequire(import.meta.url);

export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      `DynamoDB Local needs Java 17 or newer, and ${detail}.\n` +
        'Install a JDK (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`), ' +
        'make sure `java -version` works, then try again.',
    );
    this.name = 'JavaMissingError';
  }
}

/** Java binaries found good: `java -version` starts a JVM, which costs a second on a busy machine. */
const javaChecked = new Set<string>();

/** The major version of a Java version string: "17.0.15" → 17, "1.8.0_422" → 8. */
function majorOf(version: string): number {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return 0;
  return Number(m[1]) === 1 ? Number(m[2] ?? 0) : Number(m[1]);
}

/** The absolute path `bin` resolves to on PATH (symlinks followed), or undefined. */
function resolveOnPath(bin: string): string | undefined {
  const candidates = bin.includes('/')
    ? [bin]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir || '.', bin));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // not here: try the next directory
    }
  }
  return undefined;
}

/**
 * The version a JDK or JRE states in its `release` file (`<home>/release`, beside `bin/java`), read
 * without starting a JVM; undefined when there is none (then `java -version` tells).
 */
function releaseVersion(javaPath: string): string | undefined {
  try {
    const release = readFileSync(join(dirname(dirname(javaPath)), 'release'), 'utf8');
    return /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
  } catch {
    return undefined;
  }
}

/** Checks that a Java 17+ runtime is on PATH, with a message that says what to install when not. */
export function checkJava(javaBin = process.env.AH_JAVA ?? 'java'): void {
  const cacheKey = `${javaBin}\0${process.env.PATH}`;
  if (javaChecked.has(cacheKey)) return;
  const javaPath = resolveOnPath(javaBin);
  if (!javaPath) throw new JavaMissingError(`no \`${javaBin}\` was found on PATH`);
  let version = releaseVersion(javaPath);
  if (version === undefined) {
    const r = spawnSync(javaPath, ['-version'], { encoding: 'utf8' });
    if (r.error) throw new JavaMissingError(`\`${javaBin}\` could not be started (${r.error.message})`);
    version = /version "([^"]+)"/.exec(`${r.stderr}${r.stdout}`)?.[1];
  }
  const major = version ? majorOf(version) : 0;
  if (major < 17)
    throw new JavaMissingError(`\`${javaBin}\` is ${version ? `Java ${major}` : 'of no version it states'}`);
  javaChecked.add(cacheKey);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  url: string;
  port: number;
  /** The OS process id, when the service runs in a child process. */
  pid?: number | undefined;
  stop(): Promise<void>;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode} while starting`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000}s`);
}

function emulatorDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

export interface DynamoDbLocalOptions {
  port: number;
  /** Persist under this folder (shared DB); in memory when omitted. */
  dataDir?: string | undefined;
  /**
   * Tune the JVM for a quick start rather than peak throughput (`npm start`): the client compiler
   * only and the serial collector. On a busy 2-core machine this halves both the time to the first
   * answer and the time to seed the demo book, where a cold JVM otherwise spends its CPU compiling.
   * Benchmarks of sustained load leave it off.
   */
  fastStart?: boolean | undefined;
}

export const FAST_START_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * Starts DynamoDB Local. The child is tied to this process: a guard shell kills Java when our stdin
 * pipe closes, so even a hard kill of the parent leaves no Java process behind.
 */
export async function startDynamoDbLocal(opts: DynamoDbLocalOptions): Promise<RunningService> {
  checkJava();
  const dir = emulatorDir();
  const storage = opts.dataDir ? ['-dbPath', opts.dataDir, '-sharedDb'] : ['-inMemory'];
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const javaArgs = [
    ...(opts.fastStart ? FAST_START_JVM : []),
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    ...storage,
    '-port',
    String(opts.port),
    '-disableTelemetry',
  ];
  // The guard: run java in the background, kill it when stdin reaches EOF (parent gone) or on TERM.
  // A background job's stdin is /dev/null in sh, so the pipe is handed to the watcher on fd 3.
  const guard =
    'exec 3<&0; "$AH_JAVA_BIN" "$@" </dev/null & c=$!; trap \'kill $c 2>/dev/null; wait $c; exit 0\' TERM INT; ' +
    '(cat <&3 >/dev/null; kill $c 2>/dev/null) & wait $c';
  const child = spawn('sh', ['-c', guard, 'ddb-guard', ...javaArgs], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // The same Java that checkJava() approved (AH_JAVA, else `java` on PATH).
    env: { ...process.env, AH_JAVA_BIN: process.env.AH_JAVA ?? 'java' },
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${opts.port}`;
  try {
    await waitFor(
      async () => {
        const r = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(1000) });
        return r.status > 0;
      },
      'DynamoDB Local',
      60_000,
      child,
    );
  } catch (e) {
    child.kill('SIGTERM');
    throw new Error(`${(e as Error).message}\n${output.slice(-2000)}`);
  }
  return {
    url,
    port: opts.port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Starts aws-ses-v2-local in this process (a plain HTTP server: nothing to orphan). */
export async function startSesLocal(opts: { port: number }): Promise<RunningService> {
  const mod = (await import('aws-ses-v2-local')) as unknown as {
    default:
      | ((c: { host: string; port: number }) => Promise<Server>)
      | { default: (c: { host: string; port: number }) => Promise<Server> };
  };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const server = await start({ host: '127.0.0.1', port: opts.port });
  // Node closes an idle keep-alive socket after 5 s, and a client that picks that socket for its
  // next SendEmail at the same moment gets "socket hang up": an answer lost, which the send path
  // rightly treats as "maybe sent" and holds the claim for its lease. On a busy machine idle gaps of
  // 5 s are common, so that race showed up as a missing email in tests. The SDK's agent keeps
  // sockets open indefinitely; the server now outlasts any gap between two sends of a run.
  server.keepAliveTimeout = 10 * 60_000;
  server.headersTimeout = 10 * 60_000 + 1_000;
  return {
    url: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
