/**
 * Reads an intent's zod schema (zod 3, by `_def.typeName`, so it works on the server build's copy
 * of a schema too) into the form fields it takes: their names as conform expects them
 * (`a.b`, `list[0]`), what kind of value each is, its limits, and a plausible valid value, so the
 * fuzz can post a body that is valid except for the one field it attacks.
 */

export type FieldKind = "string" | "number" | "boolean" | "enum" | "date" | "array" | "unknown";

export type FieldSpec = {
  name: string;
  kind: FieldKind;
  /** A value the schema accepts (best effort: refinements across fields are not known). */
  sample: string;
  /** The string's max length or the number's max, when the schema declares one. */
  max?: number;
  min?: number;
  options?: string[];
  optional: boolean;
};

type Def = { typeName?: string; [key: string]: unknown };
type Schemaish = { _def: Def };

const def = (schema: unknown): Def => ((schema as Schemaish | undefined)?._def ?? {}) as Def;

/** Unwraps optional/nullable/default/effects/pipeline/branded/readonly/lazy/catch down to the value's own type. */
function unwrap(schema: unknown): { inner: unknown; optional: boolean } {
  let current = schema;
  let optional = false;
  for (let depth = 0; depth < 20; depth++) {
    const d = def(current);
    switch (d.typeName) {
      case "ZodOptional":
      case "ZodNullable":
        optional = true;
        current = d.innerType;
        break;
      case "ZodDefault":
      case "ZodCatch":
        optional = true;
        current = d.innerType;
        break;
      case "ZodEffects":
        current = d.schema;
        break;
      case "ZodPipeline":
        current = d.in;
        break;
      case "ZodBranded":
      case "ZodReadonly":
        current = (d.type ?? d.innerType) as unknown;
        break;
      case "ZodLazy":
        current = (d.getter as () => unknown)();
        break;
      default:
        return { inner: current, optional };
    }
  }
  return { inner: current, optional };
}

function checks(d: Def): { kind: string; value?: number; regex?: RegExp }[] {
  return (d.checks as { kind: string; value?: number; regex?: RegExp }[] | undefined) ?? [];
}

const todayIso = () => new Date().toISOString().slice(0, 10);

function leaf(name: string, schema: unknown, optional: boolean): FieldSpec {
  const d = def(schema);
  switch (d.typeName) {
    case "ZodString": {
      const c = checks(d);
      const max = c.find((x) => x.kind === "max" || x.kind === "length")?.value;
      const min = c.find((x) => x.kind === "min" || x.kind === "length")?.value;
      let sample = "fuzz sample";
      if (c.some((x) => x.kind === "uuid")) sample = "00000000-0000-4000-8000-000000000000";
      else if (c.some((x) => x.kind === "email")) sample = "fuzz@example.test";
      else if (c.some((x) => x.kind === "url")) sample = "https://example.test/";
      else if (c.some((x) => x.kind === "date")) sample = todayIso();
      else if (c.some((x) => x.kind === "datetime")) sample = new Date().toISOString();
      else if (/date/i.test(name)) sample = todayIso();
      if (min && sample.length < min) sample = sample.padEnd(min, "x");
      if (max !== undefined && sample.length > max) sample = sample.slice(0, max);
      return { name, kind: /date/i.test(name) ? "date" : "string", sample, max, min, optional };
    }
    case "ZodNumber":
    case "ZodBigInt": {
      const c = checks(d);
      const min = c.find((x) => x.kind === "min")?.value;
      const max = c.find((x) => x.kind === "max")?.value;
      const sample = String(Math.max(min ?? 1, Math.min(max ?? 1, 1)));
      return { name, kind: "number", sample, min, max, optional };
    }
    case "ZodBoolean":
      return { name, kind: "boolean", sample: "on", optional };
    case "ZodDate":
      return { name, kind: "date", sample: todayIso(), optional };
    case "ZodEnum": {
      const options = (d.values as string[]).map(String);
      return { name, kind: "enum", sample: options[0] ?? "", options, optional };
    }
    case "ZodNativeEnum": {
      const options = Object.values(d.values as Record<string, string>).map(String);
      return { name, kind: "enum", sample: options[0] ?? "", options, optional };
    }
    case "ZodLiteral":
      return { name, kind: "enum", sample: String(d.value), options: [String(d.value)], optional };
    default:
      return { name, kind: "unknown", sample: "1", optional };
  }
}

/** The form fields a schema reads, flattened the way conform names them. */
export function formFields(schema: unknown, prefix = "", optional = false, depth = 0): FieldSpec[] {
  if (depth > 6) return [];
  const { inner, optional: innerOptional } = unwrap(schema);
  const isOptional = optional || innerOptional;
  const d = def(inner);
  switch (d.typeName) {
    case "ZodObject": {
      const shape = (typeof d.shape === "function" ? (d.shape as () => Record<string, unknown>)() : d.shape) as Record<string, unknown>;
      return Object.entries(shape).flatMap(([key, value]) =>
        formFields(value, prefix ? `${prefix}.${key}` : key, isOptional && prefix !== "", depth + 1),
      );
    }
    case "ZodDiscriminatedUnion":
    case "ZodUnion": {
      const options = (d.options instanceof Map ? [...(d.options as Map<unknown, unknown>).values()] : (d.options as unknown[])) ?? [];
      const seen = new Map<string, FieldSpec>();
      for (const option of options) {
        for (const field of formFields(option, prefix, isOptional, depth + 1)) if (!seen.has(field.name)) seen.set(field.name, field);
      }
      return [...seen.values()];
    }
    case "ZodIntersection":
      return [...formFields(d.left, prefix, isOptional, depth + 1), ...formFields(d.right, prefix, isOptional, depth + 1)];
    case "ZodArray":
    case "ZodSet": {
      const element = (d.type ?? d.valueType) as unknown;
      const items = formFields(element, `${prefix}[0]`, isOptional, depth + 1);
      const { inner: elementInner } = unwrap(element);
      // An array of scalars is posted as the field repeated; conform reads `name` too.
      if (def(elementInner).typeName !== "ZodObject") {
        const scalar = items[0];
        return [{ ...(scalar ?? leaf(prefix, elementInner, isOptional)), name: prefix, kind: "array", optional: isOptional }];
      }
      return items;
    }
    case "ZodRecord":
      return [{ name: `${prefix}.key`, kind: "unknown", sample: "1", optional: true }];
    default:
      return prefix ? [leaf(prefix, inner, isOptional)] : [];
  }
}

/** The discriminator values of a discriminated union at the schema's top (a `kind` field), so each branch gets a baseline. */
export function discriminatorValues(schema: unknown): { key: string; values: string[] } | undefined {
  const { inner } = unwrap(schema);
  const d = def(inner);
  if (d.typeName !== "ZodDiscriminatedUnion") return undefined;
  const map = d.optionsMap instanceof Map ? (d.optionsMap as Map<unknown, unknown>) : undefined;
  return { key: String(d.discriminator), values: map ? [...map.keys()].map(String) : [] };
}
