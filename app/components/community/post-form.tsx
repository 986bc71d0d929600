import { type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { MAX_POST_IMAGES, POST_KINDS, POST_TAGS } from "~/modules/community/post-body";

export type PostFormDefaults = {
  kind: string;
  text: string;
  tags: string[];
  imageIds: string[];
  anonymous: boolean;
  publicConsent: boolean;
};

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 focus:border-emerald-700 focus:ring-2 focus:ring-emerald-700 focus:outline-none";

/** The write/edit form: multipart, so photos upload without JavaScript. */
export function PostForm({
  intent,
  defaults,
  lastResult,
  submitLabel,
}: {
  intent: string;
  defaults: PostFormDefaults;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const { t } = useTranslation("community");
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const errors = lastResult?.error ?? {};
  const values = (lastResult?.initialValue ?? {}) as Record<string, unknown>;
  const text = typeof values.text === "string" ? values.text : defaults.text;
  const kind = typeof values.kind === "string" ? values.kind : defaults.kind;
  const tags = values.tags !== undefined ? [values.tags].flat() : defaults.tags;
  const imageIds =
    values.imageIds !== undefined ? [values.imageIds].flat().filter((v): v is string => typeof v === "string") : defaults.imageIds;
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-5" aria-describedby="post-form-errors">
      <div>
        <label htmlFor="post-kind" className="block text-sm font-medium text-slate-800">
          {t("post.kindLabel")}
        </label>
        <select id="post-kind" name="kind" defaultValue={kind} className={inputClass}>
          {POST_KINDS.filter((k) => k !== "badge-share").map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
        <ErrorList errors={errors.kind} />
      </div>
      <div>
        <label htmlFor="post-text" className="block text-sm font-medium text-slate-800">
          {t("post.textLabel")}
        </label>
        <p id="post-text-hint" className="text-sm text-slate-600">
          {t("post.markdownHint")}
        </p>
        <textarea
          id="post-text"
          name="text"
          rows={8}
          required
          maxLength={5000}
          defaultValue={text}
          placeholder={t("post.textPlaceholder")}
          aria-describedby="post-text-hint"
          aria-invalid={errors.text ? true : undefined}
          className={inputClass}
        />
        <ErrorList errors={errors.text} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("post.tagsLabel")}</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {POST_TAGS.map((tag) => (
            <label key={tag} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="tags" value={tag} defaultChecked={tags.includes(tag)} className="size-4 accent-emerald-700" />
              {t(`tags.${tag}`)}
            </label>
          ))}
        </div>
        <ErrorList errors={errors.tags} />
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("post.imagesLabel")}</legend>
        <p id="post-images-hint" className="text-sm text-slate-600">
          {t("post.imageHelp", { count: MAX_POST_IMAGES })}
        </p>
        {imageIds.length > 0 ? (
          <ul className="mt-2 flex flex-wrap gap-3">
            {imageIds.map((id, i) => (
              <li key={id}>
                <label className="flex flex-col items-center gap-1 text-sm">
                  <img src={`/resources/images/${id}`} alt={`${t("post.photoAlt")} ${i + 1}`} className="size-24 rounded object-cover" />
                  <span className="inline-flex items-center gap-1">
                    <input type="checkbox" name="imageIds" value={id} defaultChecked className="size-4 accent-emerald-700" />
                    {t("post.keepImage")}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        <label htmlFor="post-images" className="mt-2 block text-sm font-medium text-slate-800">
          {t("post.addImage")}
        </label>
        <input
          id="post-images"
          name="images"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp"
          aria-describedby="post-images-hint"
          className="mt-1 block text-sm"
        />
        <ErrorList errors={[...(errors.images ?? []), ...(errors.imageIds ?? [])]} />
      </fieldset>
      <div className="space-y-3">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="anonymous"
            defaultChecked={values.anonymous !== undefined ? values.anonymous === "on" : defaults.anonymous}
            className="mt-0.5 size-4 accent-emerald-700"
          />
          <span>
            <span className="font-medium">{t("post.anonymousLabel")}</span>
            <span className="block text-slate-600">{t("post.anonymousHelp")}</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="publicConsent"
            defaultChecked={values.publicConsent !== undefined ? values.publicConsent === "on" : defaults.publicConsent}
            className="mt-0.5 size-4 accent-emerald-700"
          />
          <span>
            <span className="font-medium">{t("post.publicStoryLabel")}</span>
            <span className="block text-slate-600">{t("post.publicStoryHelp")}</span>
          </span>
        </label>
      </div>
      <ErrorList id="post-form-errors" errors={errors[""]} />
      <StatusButton name="intent" value={intent} pending={pending} pendingLabel={t("post.posting")}>
        {submitLabel}
      </StatusButton>
    </Form>
  );
}
