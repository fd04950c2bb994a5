import type { z } from 'zod';
import {
  type CallName,
  type CallOutput,
  ContractError,
  calls,
  fail,
  isCallName,
  ok,
  type Result,
} from '../../shared/contract';

type ParsedInput<N extends CallName> = z.output<(typeof calls)[N]['input']>;
export type Handler<N extends CallName> = (input: ParsedInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
export type Handlers = { [N in CallName]: Handler<N> };

export interface Registry {
  /** Runs one call from an untrusted caller: unknown name, bad input or a throw become typed errors. */
  dispatch(name: unknown, input: unknown): Promise<Result<unknown>>;
}

export interface RegistryLogger {
  error(message: string, error: unknown): void;
}

export function createRegistry(handlers: Handlers, logger: RegistryLogger = console): Registry {
  return {
    async dispatch(name, input) {
      if (!isCallName(name)) return fail('unknown_call', `No such call: ${String(name).slice(0, 100)}`);
      const spec = calls[name];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        return fail(
          'invalid_input',
          `Invalid input for ${name}`,
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      try {
        const handler = handlers[name] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        // Validate our own output too: a handler must never leak fields the contract does not name.
        const out = spec.output.safeParse(value);
        if (!out.success) {
          logger.error(`Handler ${name} returned output outside the contract`, out.error);
          return fail('internal', 'The workstation could not complete the request.');
        }
        return ok(out.data);
      } catch (error) {
        if (error instanceof ContractError) return fail(error.code, error.message);
        logger.error(`Handler ${name} failed`, error);
        return fail('internal', 'The workstation could not complete the request.');
      }
    },
  };
}
