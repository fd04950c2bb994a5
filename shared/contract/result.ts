import { z } from 'zod';

/** Every failure the UI can receive. The renderer translates the code; the message is for logs. */
export const errorCodes = [
  'invalid_input',
  'unknown_call',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'unavailable',
  /** The workstation is locked: unlock first. */
  'locked',
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const CallError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field-level problems for invalid_input, so a form can point at the field. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type CallError = z.infer<typeof CallError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: CallError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: CallError['issues']): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** Thrown by main-side handlers to return a typed error instead of an internal one. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}
