import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ContentSections } from "~/components/content/content-parts";
import { CheckboxField, Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { localDate, startOfLocalDay } from "~/lib/local-date";
import { enqueue } from "~/lib/queue.server";
import { intent, typedAction } from "~/lib/typed-action";
import { readMultipartPostForm, storeUploadedImages } from "~/modules/community/uploads.server";
import {
  approveRevision,
  contentForEditing,
  createContentItem,
  restoreRevision,
  saveContentItem,
  schedulePublication,
  unpublishContentItem,
} from "~/modules/content/content.server";
import { lineDiff } from "~/modules/content/diff";
import { CONTENT_KINDS, sourceLines, splitSections } from "~/modules/content/document";
import { contentFormSchema, scheduleSchema, TOPICS_BY_KIND } from "~/modules/content/editor-form";
import { contentPath } from "~/modules/content/paths";
import { renderSections } from "~/modules/content/render";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["contentAdmin", "content", "journey"] };

export const meta: MetaFunction = () => [{ title: "Edit content · QuitPath" }, { name: "robots", content: "noindex" }];

const LANGS = ["en", "vi"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const locale = resolveLocale(request, user.locale);
  const url = new URL(request.url);
  const kindParam = url.searchParams.get("kind");
  if (params.id === "new") {
    const kind = CONTENT_KINDS.find((k) => k === kindParam) ?? "article";
    return { locale, timeZone: user.timeZone, userId: user.id, editing: null, kind, diff: null };
  }
  const editing = await orErrorPage(contentForEditing(db(), params.id ?? ""));
  const diffNumber = Number(url.searchParams.get("diff"));
  const after = editing.revisions.find((r) => r.number === diffNumber);
  const before = editing.revisions.find((r) => r.number === diffNumber - 1);
  const diff = after
    ? {
        number: diffNumber,
        languages: LANGS.map((l) => ({
          locale: l,
          lines: lineDiff(
            before?.snapshot.translations.find((t) => t.locale === l)?.markdown ?? "",
            after.snapshot.translations.find((t) => t.locale === l)?.markdown ?? "",
          ).filter((line) => line.op !== "same"),
        })),
      }
    : null;
  return {
    locale,
    timeZone: user.timeZone,
    userId: user.id,
    kind: editing.item.kind,
    editing: {
      item: {
        id: editing.item.id,
        status: editing.item.status,
        medical: editing.item.medical,
        revision: editing.item.revision,
        approvedRevision: editing.item.approvedRevision,
        reviewedOn: editing.item.reviewedOn,
        reviewerName: editing.item.reviewerName,
        publishAt: editing.item.publishAt?.toISOString() ?? null,
      },
      defaults: {
        kind: editing.item.kind,
        topic: editing.item.topic ?? "",
        medical: editing.item.medical,
        featured: editing.item.featured,
        tags: editing.item.tags.join(", "),
        authorName: editing.item.authorName ?? "",
        sources: sourceLines(editing.item.sources),
        ...Object.fromEntries(
          editing.translations.flatMap((t) => [
            [`title_${t.locale}`, t.title],
            [`slug_${t.locale}`, t.slug],
            [`summary_${t.locale}`, t.summary],
            [`markdown_${t.locale}`, t.markdown],
          ]),
        ),
      } as Record<string, unknown>,
      publicPaths: editing.translations.map((t) => ({ locale: t.locale, path: contentPath(editing.item.kind, t.locale, t.slug) })),
      revisions: editing.revisions.map((r) => ({
        number: r.number,
        change: r.change,
        changedAt: r.changedAt.toISOString(),
        changedBy: r.changedBy,
      })),
    },
    diff,
  };
}

export const headers = () => ({ "Cache-Control": CACHE_CONTROL.private });

const idSchema = z.object({ id: z.string().uuid() });
// Revision numbers are Postgres integers: a larger number is no revision of ours (and would be a database error).
const revisionNumber = z.coerce.number().int().min(1).max(2_147_483_647);
const approveSchema = z.object({ id: z.string().uuid(), revision: revisionNumber });
const restoreSchema = z.object({ id: z.string().uuid(), number: revisionNumber });

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "editor"),
  // The image upload posts multipart with a file; everything else is a plain form read the same way.
  readForm: readMultipartPostForm,
  intents: (user) => ({
    save: intent(contentFormSchema, async (input, { params }) => {
      if (params.id === "new") return redirect(`/admin/content/${await createContentItem(db(), user.id, input)}?saved=1`);
      const revision = await saveContentItem(db(), user.id, params.id ?? "", input);
      return { messageKey: "contentAdmin:saved", revision };
    }),
    preview: intent(contentFormSchema, (input) => ({
      preview: input.translations.map((t) => ({ locale: t.locale, title: t.title, sections: renderSections(splitSections(t.markdown)) })),
    })),
    approve: intent(approveSchema, async ({ id, revision }) => {
      await approveRevision(db(), user.id, id, revision, localDate(new Date(), user.timeZone));
      return { messageKey: "contentAdmin:approved" };
    }),
    schedule: intent(scheduleSchema, async ({ id, date, time }) => {
      const now = new Date();
      const at = date ? new Date(startOfLocalDay(date, user.timeZone).getTime() + minutesOf(time) * 60_000) : now;
      const outcome = await schedulePublication(db(), id, at, now);
      // The job publishes it when the time comes; the minute cron catches it too if this process queues nothing.
      if (outcome.status === "scheduled") await enqueue("publish-scheduled-content", {}, { startAfter: outcome.publishAt });
      return { messageKey: outcome.status === "published" ? "contentAdmin:publishedNow" : "contentAdmin:scheduled" };
    }),
    unpublish: intent(idSchema, async ({ id }) => {
      await unpublishContentItem(db(), id);
      return { messageKey: "contentAdmin:unpublished" };
    }),
    restore: intent(restoreSchema, async ({ id, number }) => {
      await restoreRevision(db(), user.id, id, number);
      return { messageKey: "contentAdmin:restored" };
    }),
    "upload-image": intent(z.object({}), async (_input, { formData }) => {
      const ids = await storeUploadedImages(db(), user.id, formData);
      return { imageMarkdown: ids.map((id) => `![](/resources/images/${id})`) };
    }),
  }),
});

function minutesOf(time: string | undefined): number {
  if (!time) return 0;
  const [h = "0", m = "0"] = time.split(":");
  return Math.min(23, Number(h)) * 60 + Math.min(59, Number(m));
}

export default function EditContent() {
  const { t } = useTranslation(["contentAdmin", "content"]);
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const editing = page.editing;
  const [form, fields] = useIntentForm({
    answer,
    intent: "save",
    schema: contentFormSchema,
    defaultValue: editing?.defaults ?? { kind: page.kind },
  });
  const f = fields as unknown as Record<string, Parameters<typeof Field>[0]["field"]>;
  const topics = TOPICS_BY_KIND[page.kind];
  const message = answer?.ok && "messageKey" in answer.result ? answer.result.messageKey : null;
  const preview = answer?.ok && "preview" in answer.result ? answer.result.preview : null;
  const images = answer?.ok && "imageMarkdown" in answer.result ? answer.result.imageMarkdown : null;
  return (
    <section className="mx-auto w-full max-w-6xl space-y-6 px-4 py-8">
      <p>
        <a href="/admin/content" className="text-sm text-emerald-800 underline">
          ← {t("list.title")}
        </a>
      </p>
      <h1 className="text-2xl font-bold">{editing ? t("edit.title") : t("edit.newTitle", { kind: t(`kinds.${page.kind}`) })}</h1>
      <SuccessMessage messageKey={message} />
      {editing ? (
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-status={editing.item.status}>
          <p>
            {t("edit.status")}: <strong>{t(`statuses.${editing.item.status}`)}</strong>
            {editing.item.status === "scheduled" && editing.item.publishAt
              ? ` · ${formatDateTime(editing.item.publishAt, page.locale, page.timeZone)}`
              : null}
            {" · "}
            {t("edit.revision", { number: editing.item.revision })}
          </p>
          {editing.item.medical ? (
            <p>
              {editing.item.approvedRevision === editing.item.revision
                ? t("edit.approved", { reviewer: editing.item.reviewerName ?? "", date: editing.item.reviewedOn ?? "" })
                : t("edit.needsReview")}
            </p>
          ) : null}
          <ul className="flex flex-wrap gap-3 text-sm">
            {editing.publicPaths.map((p) => (
              <li key={p.locale}>
                <a href={p.path} className="text-emerald-800 underline">
                  {p.path}
                </a>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap items-end gap-4">
            {editing.item.medical && editing.item.approvedRevision !== editing.item.revision ? (
              <ButtonForm answer={answer} intent="approve" values={{ id: editing.item.id, revision: String(editing.item.revision) }}>
                {t("edit.approve")}
              </ButtonForm>
            ) : null}
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="id" value={editing.item.id} />
              <label className="text-sm">
                <span className="block font-medium">{t("edit.publishDate")}</span>
                <input type="date" name="date" className="rounded-md border border-slate-400 px-2 py-1" />
              </label>
              <label className="text-sm">
                <span className="block font-medium">{t("edit.publishTime")}</span>
                <input type="time" name="time" className="rounded-md border border-slate-400 px-2 py-1" />
              </label>
              <IntentButton intent="schedule">{t("edit.publish")}</IntentButton>
            </Form>
            {editing.item.status === "published" || editing.item.status === "scheduled" ? (
              <ButtonForm answer={answer} intent="unpublish" values={{ id: editing.item.id }} variant="danger">
                {t("edit.unpublish")}
              </ButtonForm>
            ) : null}
          </div>
          <FormErrors
            errors={
              answer && !answer.ok && (answer.intent === "schedule" || answer.intent === "approve" || answer.intent === "restore")
                ? Object.values(answer.submission.error ?? {}).flat()
                : null
            }
          />
        </div>
      ) : null}

      <Form
        method="post"
        encType="multipart/form-data"
        className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        <label className="text-sm">
          <span className="block font-medium">{t("edit.image")}</span>
          <input type="file" name="images" accept="image/jpeg,image/png,image/webp" className="mt-1 block text-sm" />
        </label>
        <IntentButton intent="upload-image" variant="secondary">
          {t("edit.upload")}
        </IntentButton>
        {images ? (
          <p className="w-full text-sm">
            {t("edit.imageReady")} <code data-image-markdown="">{images.join("\n")}</code>
          </p>
        ) : null}
      </Form>

      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="kind" value={page.kind} />
        <div className="grid gap-4 md:grid-cols-3">
          {topics.length > 0 ? (
            <SelectField
              field={f.topic!}
              label={t("edit.topic")}
              options={topics.map((k) => ({
                value: k,
                label: page.kind === "faq" ? t(`content:faq.categories.${k}`) : page.kind === "page" ? k : t(`content:topics.${k}`),
              }))}
            />
          ) : null}
          <Field field={f.tags!} label={t("edit.tags")} hint={t("edit.tagsHint")} />
          <Field field={f.authorName!} label={t("edit.author")} />
          <CheckboxField field={f.medical!} label={t("edit.medical")} hint={t("edit.medicalHint")} />
          <CheckboxField field={f.featured!} label={t("edit.featured")} />
        </div>
        <div className="grid gap-6 lg:grid-cols-2">
          {LANGS.map((l) => (
            <fieldset key={l} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" lang={l}>
              <legend className="px-1 font-semibold">{t(`edit.language.${l}`)}</legend>
              <Field field={f[`title_${l}`]!} label={t("edit.titleField")} />
              <Field field={f[`slug_${l}`]!} label={t("edit.slug")} hint={t("edit.slugHint")} />
              <TextareaField field={f[`summary_${l}`]!} label={t("edit.summary")} rows={2} />
              <TextareaField
                field={f[`markdown_${l}`]!}
                label={t("edit.markdown")}
                hint={t("edit.markdownHint")}
                rows={16}
                inputClassName="font-mono text-sm"
              />
            </fieldset>
          ))}
        </div>
        <TextareaField
          field={f.sources!}
          label={t("edit.sources")}
          hint={t("edit.sourcesHint")}
          rows={4}
          inputClassName="font-mono text-sm"
        />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="flex gap-3">
          <IntentButton intent="save">{t("edit.save")}</IntentButton>
          <IntentButton intent="preview" variant="secondary">
            {t("edit.preview")}
          </IntentButton>
        </div>
      </Form>

      {preview ? (
        <section aria-labelledby="preview-heading" className="space-y-6">
          <h2 id="preview-heading" className="text-xl font-bold">
            {t("edit.preview")}
          </h2>
          {preview.map((p) => (
            <article
              key={p.locale}
              lang={p.locale}
              className="rounded-xl border border-dashed border-slate-400 bg-white p-6"
              data-preview={p.locale}
            >
              <h3 className="mb-4 text-2xl font-bold">{p.title}</h3>
              <ContentSections sections={p.sections} />
            </article>
          ))}
        </section>
      ) : null}

      {editing ? (
        <section aria-labelledby="revisions-heading" className="space-y-3">
          <h2 id="revisions-heading" className="text-xl font-bold">
            {t("revisions.title")}
          </h2>
          <ul className="space-y-2">
            {editing.revisions.map((r) => (
              <li key={r.number} className="flex flex-wrap items-center gap-3 text-sm" data-revision={r.number}>
                <span className="font-semibold">#{r.number}</span>
                <span>
                  {r.change.startsWith("restored:")
                    ? t("revisions.restoredFrom", { number: r.change.slice(9) })
                    : t(`revisions.${r.change}`)}
                </span>
                <span>{r.changedBy ?? t("revisions.someone")}</span>
                <span>{formatDateTime(r.changedAt, page.locale, page.timeZone)}</span>
                <a href={`?diff=${r.number}`} className="text-emerald-800 underline">
                  {t("revisions.diff")}
                </a>
                {r.number !== editing.item.revision ? (
                  <ButtonForm answer={answer} intent="restore" values={{ id: editing.item.id, number: String(r.number) }} variant="link">
                    {t("revisions.restore")}
                  </ButtonForm>
                ) : null}
              </li>
            ))}
          </ul>
          {page.diff ? (
            <div className="space-y-3" data-diff={page.diff.number}>
              <h3 className="font-semibold">{t("revisions.diffTitle", { number: page.diff.number })}</h3>
              {page.diff.languages.map((d) => (
                <pre key={d.locale} className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100" lang={d.locale}>
                  {d.lines.length === 0
                    ? t("revisions.noChange")
                    : d.lines.map((line) => `${line.op === "added" ? "+" : "-"} ${line.text}`).join("\n")}
                </pre>
              ))}
            </div>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
