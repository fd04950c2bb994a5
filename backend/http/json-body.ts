import type { FastifyInstance } from 'fastify';

/** Deeper than any FHIR resource or Bundle we take; deeper input is refused before anything recurses into it. */
export const maxJsonDepth = 64;

/** In a `u` regex a surrogate pair is one code point: only an unpaired half matches. */
const loneSurrogate = /\p{Cs}/u;

const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400 });

/**
 * What is wrong with a parsed JSON body, or null: it must be an object or an array (never `null`
 * or a bare value), no deeper than maxJsonDepth, and no string or key may hold U+0000 (PostgreSQL
 * text cannot) or a lone surrogate (not Unicode; it cannot be stored or sent back as UTF-8).
 * Walks with an explicit stack, so a hostile nesting cannot overflow the call stack.
 */
export function jsonBodyProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return 'The body must be a JSON object.';
  const badText = (s: string) => s.includes('\u0000') || loneSurrogate.test(s);
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node === 'string') {
      if (badText(node)) return 'Text must not contain U+0000 or unpaired surrogates.';
    } else if (node !== null && typeof node === 'object') {
      if (depth > maxJsonDepth) return `The body is nested deeper than ${maxJsonDepth} levels.`;
      for (const [key, child] of Object.entries(node)) {
        if (badText(key)) return 'Text must not contain U+0000 or unpaired surrogates.';
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * One JSON parser for application/json and application/fhir+json: Fastify's own (secure-json-parse,
 * refusing `__proto__` and `constructor.prototype` keys; empty or invalid JSON is a 400), then
 * jsonBodyProblem. Every failure is a 400 the error handler answers as an OperationOutcome.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/fhir+json'],
    { parseAs: 'string' },
    (request, body, done) => {
      parse(request, String(body), (error: Error | null, value?: unknown) => {
        if (error) return done(Object.assign(error, { statusCode: 400 }), undefined);
        const problem = jsonBodyProblem(value);
        if (problem) return done(badRequest(problem), undefined);
        done(null, value);
      });
    },
  );
}
