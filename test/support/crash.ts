/**
 * Crash injection for the send path: wraps a use case's ports so that the Nth port call "kills the
 * process", before the call reaches the port or after it did its work (its answer lost, e.g. SES
 * accepted the email). From then on every port call throws, as nothing runs after a kill -9: no
 * release, no bookkeeping.
 */
export class Crash extends Error {
  constructor(readonly at: number) {
    super(`crashed at port call ${at}`);
    this.name = 'Crash';
  }
}

export interface Fault {
  /** The Nth port call of the run (from 1), or the first call of `port.method`. */
  at: number | { port: string; method: string };
  when: 'before' | 'after';
}

export interface PortCall {
  port: string;
  method: string;
}

/** Port methods that do no I/O and answer at once (a link minted in memory, written with the claim). */
const SYNC_METHODS = new Set(['unsubscribeLink']);

/** Records every port call; with a fault, dies at it. */
export class CrashSwitch {
  readonly calls: PortCall[] = [];
  dead = false;
  constructor(private fault?: Fault) {}

  wrap<T extends object>(port: string, target: T): T {
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const value = Reflect.get(obj, prop, receiver);
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        const call = (...args: unknown[]): unknown => {
          if (this.dead) throw new Crash(-1);
          this.calls.push({ port, method: prop });
          const n = this.calls.length;
          const at = this.fault?.at;
          if (typeof at === 'object' && at.port === port && at.method === prop && this.fault) {
            this.fault = { ...this.fault, at: n };
          }
          if (this.fault?.at === n && this.fault.when === 'before') {
            this.dead = true;
            throw new Crash(n);
          }
          const settle = (result: unknown) => {
            if (this.dead) throw new Crash(-1);
            if (this.fault?.at === n && this.fault.when === 'after') {
              this.dead = true;
              throw new Crash(n);
            }
            return result;
          };
          const result: unknown = value.apply(obj, args);
          return result instanceof Promise ? result.then(settle) : settle(result);
        };
        // A method that answers at once stays synchronous; every other one fails as a rejected promise.
        if (SYNC_METHODS.has(prop)) return call;
        return async (...args: unknown[]) => call(...args);
      },
    });
  }

  /** `deps` with the named ports wrapped. */
  wrapPorts<D extends object>(deps: D, ports: ReadonlyArray<keyof D & string>): D {
    const out = { ...deps };
    for (const name of ports) {
      const port = deps[name];
      if (port && typeof port === 'object') out[name] = this.wrap(name, port) as D[typeof name];
    }
    return out;
  }
}
