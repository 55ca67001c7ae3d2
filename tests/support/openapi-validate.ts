import { buildOpenApi } from '../../src/lib/openapi.ts';

/**
 * Validates a value against a schema of the OpenAPI document (the subset of JSON Schema 2020-12
 * the document uses: $ref, oneOf, type unions, enum, const, pattern, date-time/uri/uuid formats,
 * required, additionalProperties: false, items). Returns the paths that do not conform.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  items?: Schema;
  oneOf?: Schema[];
  pattern?: string;
  format?: string;
  minimum?: number;
};

const doc = buildOpenApi('https://vivaio.example.it') as { components: { schemas: Record<string, Schema> } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formatError(value: string, format: string | undefined): boolean {
  if (format === 'date-time') return Number.isNaN(Date.parse(value));
  if (format === 'uri') return !URL.canParse(value);
  if (format === 'uuid') return !UUID.test(value);
  return false;
}

export function validateAgainst(value: unknown, schemaName: string): string[] {
  return validate(value, { $ref: `#/components/schemas/${schemaName}` });
}

function validate(value: unknown, schema: Schema, path = '$'): string[] {
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.split('/').at(-1)!];
    return target ? validate(value, target, path) : [`${path}: unknown schema ${schema.$ref}`];
  }
  if (schema.oneOf) return schema.oneOf.filter((s) => validate(value, s, path).length === 0).length === 1 ? [] : [`${path}: oneOf`];
  const types = [schema.type ?? []].flat();
  const typeOf = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.includes(typeOf) && !(typeOf === 'integer' && types.includes('number'))) return [`${path}: ${typeOf} is not ${types.join('|')}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${String(value)} not in enum`];
  if ('const' in schema && value !== schema.const) return [`${path}: not ${String(schema.const)}`];
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) return [`${path}: below ${schema.minimum}`];
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value)) return [`${path}: pattern`];
  if (typeof value === 'string' && formatError(value, schema.format)) return [`${path}: ${schema.format}`];
  if (typeOf === 'array' && schema.items) return (value as unknown[]).flatMap((v, i) => validate(v, schema.items!, `${path}[${i}]`));
  if (typeOf !== 'object') return [];
  const obj = value as Record<string, unknown>;
  const errors = (schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${path}.${k}: missing`);
  for (const [k, v] of Object.entries(obj)) {
    const sub = schema.properties?.[k];
    if (sub) errors.push(...validate(v, sub, `${path}.${k}`));
    else if (schema.additionalProperties === false) errors.push(`${path}.${k}: not in the schema`);
  }
  return errors;
}
