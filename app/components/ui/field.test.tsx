import { getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { i18nFor } from "~/lib/i18n.server";
import { CheckboxField, ChoiceField, Field, SelectField, TextareaField } from "./field";

// The field kit builds its controls' attributes itself, from one read of each field (field.tsx
// readField). These render the kit beside conform's own prop helpers on the same fields, and count
// the kit's reads of a field.

const schema = z.object({
  name: z.string().min(2).max(40),
  count: z.number().min(1).max(99),
  when: z.string().optional(),
  trigger: z.enum(["stress", "coffee", "alcohol"]),
  tags: z.array(z.enum(["a", "b", "c"])).min(1),
  note: z.string().max(300).optional(),
  agree: z.boolean().optional(),
  mood: z.enum(["1", "2", "3", "4", "5"]),
});
type Fields = ReturnType<typeof useForm<z.input<typeof schema>>>[1];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, string[]>;

/** Renders `children(fields)` inside a conform form, with the server's answer to `posted` when given. */
function render(children: (fields: Fields) => ReactNode, posted?: Record<string, string | string[]>): string {
  function TestForm() {
    const [, fields] = useForm<z.input<typeof schema>>({
      id: "test",
      constraint: getZodConstraint(schema),
      defaultValue: { name: "Lan", count: 3, trigger: "coffee", tags: ["a", "c"], note: "hi", agree: true, mood: "4" },
      lastResult: posted ? (answer(posted) as SubmissionResult<string[]>) : undefined,
    });
    return <>{children(fields)}</>;
  }
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18nFor("en")}>
      <TestForm />
    </I18nextProvider>,
  );
}

function answer(posted: Record<string, string | string[]>) {
  const formData = new FormData();
  for (const [key, value] of Object.entries(posted)) for (const v of [value].flat()) formData.append(key, v);
  return parseWithZod(formData, { schema }).reply();
}

/** The attributes of the element with this id, as a map. */
function attributesOf(html: string, id: string): Map<string, string> {
  const tag = html.match(new RegExp(`<(?:input|select|textarea)[^>]*\\bid="${id}"[^>]*>`))?.[0];
  if (!tag) throw new Error(`no control with id ${id} in ${html}`);
  return new Map([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map(([, k, v]) => [k!, v ?? ""]));
}

/** What conform's helper renders for the same field, without the kit's class names. */
function conformAttributes(element: "input" | "select" | "textarea", props: Record<string, unknown>, id: string) {
  const { key: _key, ...rest } = props;
  const html = render(() =>
    element === "input" ? <input {...rest} /> : element === "select" ? <select {...rest} /> : <textarea {...rest} />,
  );
  return attributesOf(html, id);
}

function withoutClass(attributes: Map<string, string>) {
  attributes.delete("class");
  return Object.fromEntries([...attributes].sort());
}

const fieldsAt = (pick: (fields: Fields) => Meta) => {
  let meta: Meta | undefined;
  render((fields) => {
    meta = pick(fields);
    return null;
  });
  return meta!;
};

describe("the field kit's controls", () => {
  for (const posted of [undefined, { name: "x", count: "200", trigger: "nope", note: "n".repeat(400) }]) {
    const when = posted ? "after a refused submission" : "before anything is posted";
    it(`carry the attributes conform's helpers give them, ${when}`, () => {
      const pairs: [string, string, "input" | "select" | "textarea", (f: Fields) => Record<string, unknown>][] = [
        [
          render((f) => <Field field={f.name} label="Name" />, posted),
          "test-name",
          "input",
          (f) => getInputProps(f.name, { type: "text", ariaInvalid: "allErrors" }),
        ],
        [
          render((f) => <Field field={f.count} type="number" label="Count" />, posted),
          "test-count",
          "input",
          (f) => getInputProps(f.count, { type: "number", ariaInvalid: "allErrors" }),
        ],
        [
          render((f) => <SelectField field={f.trigger} label="Trigger" options={[{ value: "coffee", label: "Coffee" }]} />, posted),
          "test-trigger",
          "select",
          (f) => getSelectProps(f.trigger, { ariaInvalid: "allErrors" }),
        ],
        [
          render((f) => <TextareaField field={f.note} label="Note" />, posted),
          "test-note",
          "textarea",
          (f) => getTextareaProps(f.note, { ariaInvalid: "allErrors" }),
        ],
        [
          render((f) => <CheckboxField field={f.agree} label="Agree" />, posted),
          "test-agree",
          "input",
          (f) => getInputProps(f.agree, { type: "checkbox", ariaInvalid: "allErrors" }),
        ],
      ];
      for (const [html, id, element, helper] of pairs) {
        let props: Record<string, unknown> = {};
        render((f) => {
          props = helper(f);
          return null;
        }, posted);
        expect(withoutClass(attributesOf(html, id)), id).toEqual(withoutClass(conformAttributes(element, props, id)));
      }
    });
  }

  it("mark a refused field invalid and point it at its messages", () => {
    const html = render((f) => <Field field={f.name} label="Name" hint="Two letters at least" />, { name: "x" });
    const input = attributesOf(html, "test-name");
    expect(input.get("aria-invalid")).toBe("true");
    expect(input.get("aria-describedby")).toBe("test-name-error test-name-hint");
    expect(html).toContain('id="test-name-error" aria-live="polite"');
  });

  it("check the radio button and the boxes of the field's value", () => {
    const options = ["1", "2", "3", "4", "5"].map((value) => ({ value, label: value }));
    const radios = render((f) => <ChoiceField field={f.mood} type="radio" legend="Mood" options={options} />);
    expect(attributesOf(radios, "test-mood-4").has("checked")).toBe(true);
    expect(attributesOf(radios, "test-mood-3").has("checked")).toBe(false);
    expect(attributesOf(radios, "test-mood-1").has("required")).toBe(true);
    const boxes = render((f) => <ChoiceField field={f.tags} type="checkbox" legend="Tags" options={options.slice(0, 3)} />);
    expect(["1", "2", "3"].map((v) => attributesOf(boxes, `test-tags-${v}`).has("checked"))).toEqual([false, false, false]);
    const tagged = render((f) => (
      <ChoiceField field={f.tags} type="checkbox" legend="Tags" options={["a", "b", "c"].map((value) => ({ value, label: value }))} />
    ));
    expect(["a", "b", "c"].map((v) => attributesOf(tagged, `test-tags-${v}`).has("checked"))).toEqual([true, false, true]);
  });

  it("read a radio list's field once for all its buttons, not once per button", () => {
    const field = fieldsAt((f) => f.mood);
    let reads = 0;
    const counted = new Proxy(field, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const options = ["1", "2", "3", "4", "5"].map((value) => ({ value, label: value }));
    renderToStaticMarkup(
      <I18nextProvider i18n={i18nFor("en")}>
        <ChoiceField field={counted} type="radio" legend="Mood" options={options} />
      </I18nextProvider>,
    );
    // id, name, formId, errorId, valid, allErrors, initialValue, required: conform's getInputProps alone reads 15 per button.
    expect(reads).toBe(8);
  });
});
