import { getFormProps } from "@conform-to/react";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceBox, ChoiceField, Field, FormErrors, ListField, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { MAX_POST_IMAGES, POST_KINDS, POST_TAGS } from "~/modules/community/post-body";
import { postSubmissionSchema } from "~/modules/community/post-form";
import { IMAGE_FIELD, useDirectUpload, withUploadedKeys, type DirectUploadSettings, type UploadProgress } from "./direct-upload";

export type PostFormDefaults = {
  kind: string;
  text: string;
  tags: string[];
  imageIds: string[];
  anonymous: boolean;
  publicConsent: boolean;
};

/**
 * The write/edit form: multipart, so photos upload without JavaScript. With `directUpload` (S3)
 * and JavaScript, the photos go straight to the bucket first and the form names their keys.
 */
export function PostForm<K extends "create-post" | "update-post">({
  intent,
  defaults,
  answer,
  submitLabel,
  directUpload = null,
}: {
  intent: K;
  defaults: PostFormDefaults;
  /** The page's last action answer. */
  answer: { intent: K | null; ok: boolean } | undefined;
  submitLabel: string;
  directUpload?: DirectUploadSettings;
}) {
  const { t } = useTranslation("community");
  const [form, fields] = useIntentForm({ answer, intent, schema: postSubmissionSchema, id: "post", defaultValue: defaults });
  const { upload, progress, failure, reset } = useDirectUpload(directUpload);
  const submit = useSubmit();
  const navigation = useNavigation();
  // Once the form's answer is back (a refusal re-renders this page), the finished bar goes.
  useEffect(() => {
    if (navigation.state === "idle") reset();
  }, [navigation.state, reset]);
  const formProps = getFormProps(form);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    formProps.onSubmit(event);
    if (event.defaultPrevented || !directUpload) return;
    const element = event.currentTarget;
    const input = element.elements.namedItem(IMAGE_FIELD);
    const files = input instanceof HTMLInputElement && input.files ? [...input.files] : [];
    if (files.length === 0) return;
    event.preventDefault();
    const formData = new FormData(element);
    const keys = await upload(files);
    if (!keys) return;
    formData.set("intent", intent);
    submit(withUploadedKeys(formData, keys), { method: "post", encType: "multipart/form-data" });
  }
  const initial: unknown = fields.imageIds.initialValue;
  const kept = (Array.isArray(initial) ? initial : [initial]).filter((v): v is string => typeof v === "string" && v !== "");
  return (
    <Form method="post" encType="multipart/form-data" {...formProps} onSubmit={onSubmit} className="space-y-5">
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
      {directUpload ? <UploadStatus progress={progress} /> : null}
      {failure ? (
        <p role="alert" className="text-sm text-red-700">
          {"message" in failure ? failure.message : t(failure.key, { megabytes: Math.round((directUpload?.maxBytes ?? 0) / 1024 / 1024) })}
        </p>
      ) : null}
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.awardId.errors ?? [])]} />
      <IntentButton intent={intent} pendingLabel={t("post.posting")} disabled={progress !== null}>
        {submitLabel}
      </IntentButton>
    </Form>
  );
}

/** The bar while photos go to the bucket; its live region is always there, so screen readers hear each change. */
function UploadStatus({ progress }: { progress: UploadProgress | null }) {
  const { t } = useTranslation("community");
  const percent = progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  const done = progress !== null && progress.sent >= progress.total;
  return (
    <div className="space-y-1">
      {progress ? (
        <progress id="post-upload-progress" className="w-full" max={100} value={percent} aria-label={t("post.uploadProgressLabel")}>
          {percent}%
        </progress>
      ) : null}
      <p id="post-upload-status" role="status" aria-live="polite" className="text-sm text-slate-600">
        {progress ? (done ? t("post.uploadDone") : t("post.uploading", { current: progress.current, count: progress.count })) : ""}
      </p>
    </div>
  );
}
