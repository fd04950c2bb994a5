import type { ParamSpec } from './params';

type TokenSpec = Extract<ParamSpec, { kind: 'token' }>;

/** `system|code`, `|code` (no system), `system|` (any code of the system) or `code` (any system). */
interface Token {
  system?: string;
  /** True for `|code`: the element must have no system. */
  noSystem: boolean;
  code?: string;
}

export function parseToken(value: string): Token {
  const bar = value.indexOf('|');
  if (bar < 0) return { code: value, noSystem: false };
  const system = value.slice(0, bar);
  const code = value.slice(bar + 1);
  return { ...(system ? { system } : {}), noSystem: system === '', ...(code ? { code } : {}) };
}

const quoted = (path: readonly string[]) => path.map((p) => `."${p}"`).join('');

/**
 * One token search over its alternatives (OR). Identifier and CodeableConcept elements match by
 * JSON containment, which the GIN index on Patient.identifier answers; `|code` (an element with
 * no system) by a JSON path, since containment cannot say "absent". A code element has its
 * system implied by its definition, so only the code is compared.
 */
export function tokenCondition(
  spec: TokenSpec,
  alternatives: readonly string[],
  add: (value: unknown) => string,
): string {
  const tokens = alternatives.map(parseToken);
  const base = `body${spec.path.map((p) => `->'${p}'`).join('')}`;
  if (spec.shape === 'code') {
    const text = `body${spec.path.map((p, i) => `${i === spec.path.length - 1 ? '->>' : '->'}'${p}'`).join('')}`;
    const codes = tokens.map((t) => t.code);
    const anyCode = codes.some((c) => c === undefined);
    return anyCode ? `(${text} IS NOT NULL)` : `(${text} = ANY(${add(codes)}))`;
  }
  const codeKey = spec.shape === 'Identifier' ? 'value' : 'code';
  const parts = tokens.map((t) => {
    const item = { ...(t.system ? { system: t.system } : {}), ...(t.code ? { [codeKey]: t.code } : {}) };
    // Identifier: [{system, value}]; CodeableConcept: {coding: [{system, code}]}, in an array when the element repeats.
    const shaped = spec.shape === 'Identifier' ? item : { coding: [item] };
    const contained = `${base} @> ${add(JSON.stringify(spec.array ? [shaped] : shaped))}::jsonb`;
    if (!t.noSystem) return contained;
    const items = spec.shape === 'Identifier' ? `$${quoted(spec.path)}[*]` : `$${quoted(spec.path)}[*]."coding"[*]`;
    return `(${contained} AND jsonb_path_exists(body, ${add(`${items} ? (@."${codeKey}" == $code && !exists(@."system"))`)}::jsonpath, ${add(JSON.stringify({ code: t.code ?? '' }))}::jsonb))`;
  });
  return `(${parts.join(' OR ')})`;
}
