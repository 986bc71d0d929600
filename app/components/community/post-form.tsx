import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceBox, ChoiceField, Field, FormErrors, ListField, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { MAX_POST_IMAGES, POST_KINDS, POST_TAGS } from "~/modules/community/post-body";
import { postSubmissionSchema } from "~/modules/community/post-form";

export type PostFormDefaults = {
  kind: string;
  text: string;
  tags: string[];
  imageIds: string[];
  anonymous: boolean;
  publicConsent: boolean;
};

/** The write/edit form: multipart, so photos upload without JavaScript. */
export function PostForm<K extends "create-post" | "update-post">({
  intent,
  defaults,
  answer,
  submitLabel,
}: {
  intent: K;
  defaults: PostFormDefaults;
  /** The page's last action answer. */
  answer: { intent: K | null; ok: boolean } | undefined;
  submitLabel: string;
}) {
  const { t } = useTranslation("community");
  const [form, fields] = useIntentForm({ answer, intent, schema: postSubmissionSchema, id: "post", defaultValue: defaults });
  const initial: unknown = fields.imageIds.initialValue;
  const kept = (Array.isArray(initial) ? initial : [initial]).filter((v): v is string => typeof v === "string" && v !== "");
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-5">
      <SelectField
        field={fields.kind}
        label={t("post.kindLabel")}
        options={POST_KINDS.filter((k) => k !== "badge-share").map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
      />
      <TextareaField
        field={fields.text}
        label={t("post.textLabel")}
        hint={t("post.markdownHint")}
        rows={8}
        placeholder={t("post.textPlaceholder")}
      />
      <ChoiceField
        field={fields.tags}
        type="checkbox"
        legend={t("post.tagsLabel")}
        options={POST_TAGS.map((tag) => ({ value: tag, label: t(`tags.${tag}`) }))}
        optionsClassName="mt-1 flex flex-wrap gap-3"
      />
      <ListField field={fields.imageIds} legend={t("post.imagesLabel")}>
        <p className="text-sm text-slate-600">{t("post.imageHelp", { count: MAX_POST_IMAGES })}</p>
        {kept.length > 0 ? (
          <ul className="mt-2 flex flex-wrap gap-3">
            {kept.map((id, i) => (
              <li key={id} className="flex flex-col items-center gap-1">
                <img src={`/resources/images/${id}`} alt={`${t("post.photoAlt")} ${i + 1}`} className="size-24 rounded object-cover" />
                <ChoiceBox field={fields.imageIds} value={id} label={t("post.keepImage")} />
              </li>
            ))}
          </ul>
        ) : null}
        <Field
          field={fields.images}
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp"
          label={t("post.addImage")}
          className="mt-2"
        />
      </ListField>
      <div className="space-y-3">
        <CheckboxField field={fields.anonymous} label={t("post.anonymousLabel")} hint={t("post.anonymousHelp")} />
        <CheckboxField field={fields.publicConsent} label={t("post.publicStoryLabel")} hint={t("post.publicStoryHelp")} />
      </div>
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.awardId.errors ?? [])]} />
      <IntentButton intent={intent} pendingLabel={t("post.posting")}>
        {submitLabel}
      </IntentButton>
    </Form>
  );
}
