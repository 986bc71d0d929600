import { useCallback, useState } from "react";

/** What the loader tells the form when photos go straight to the bucket (STORAGE=s3); null otherwise. */
export type DirectUploadSettings = { maxBytes: number } | null;

export type UploadTicket = { url: string; fields: Record<string, string>; key: string };

/** Why an upload stopped: the server's own (translated) words, or one of ours by key. */
export type UploadFailure = { message: string } | { key: "post.uploadFailed" | "errors.imageTooLarge" };

export const TICKET_PATH = "/resources/uploads";
/** The post form's field for keys of photos already in the bucket (the server's UPLOADED_FIELD). */
export const UPLOADED_FIELD = "uploaded";
export const IMAGE_FIELD = "images";

/** Asks our server for a presigned POST for one photo of this type. */
export async function requestTicket(contentType: string, send: typeof fetch = fetch, url = TICKET_PATH) {
  const response = await send(url, {
    method: "POST",
    body: JSON.stringify({ contentType }),
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    credentials: "same-origin",
  });
  const body = (await response.json().catch(() => null)) as { ok: boolean; ticket?: UploadTicket; error?: string } | null;
  if (response.ok && body?.ticket) return { ticket: body.ticket };
  return { failure: body?.error ? { message: body.error } : ({ key: "post.uploadFailed" } as const) };
}

/** The bucket's form for one file: the signed fields first, the file last (S3 ignores fields after it). */
export function bucketForm(ticket: UploadTicket, file: Blob): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append("file", file);
  return form;
}

/** The post form as it is submitted after the photos are in the bucket: their keys instead of the files. */
export function withUploadedKeys(formData: FormData, keys: string[]): FormData {
  formData.delete(IMAGE_FIELD);
  for (const key of keys) formData.append(UPLOADED_FIELD, key);
  return formData;
}

/** One POST to the bucket with upload progress (fetch cannot report it); resolves to the HTTP status, 0 on a network error. */
function sendWithProgress(ticket: UploadTicket, file: File, onProgress: (sent: number) => void): Promise<number> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", ticket.url);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => resolve(request.status);
    request.onerror = () => resolve(0);
    request.onabort = () => resolve(0);
    request.send(bucketForm(ticket, file));
  });
}

export type UploadProgress = { sent: number; total: number; current: number; count: number };

/**
 * Sends the chosen photos straight to the bucket, one after another, and reports progress; gives
 * the keys to submit with the form, or why it stopped (nothing is submitted then).
 */
export function useDirectUpload(settings: DirectUploadSettings) {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [failure, setFailure] = useState<UploadFailure | null>(null);
  const upload = useCallback(
    async (files: File[]): Promise<string[] | null> => {
      if (!settings) return null;
      setFailure(null);
      if (files.some((file) => file.size > settings.maxBytes)) {
        setFailure({ key: "errors.imageTooLarge" });
        return null;
      }
      const total = files.reduce((sum, file) => sum + file.size, 0);
      const keys: string[] = [];
      let done = 0;
      try {
        for (const [i, file] of files.entries()) {
          setProgress({ sent: done, total, current: i + 1, count: files.length });
          const asked = await requestTicket(file.type);
          if (!asked.ticket) {
            setFailure(asked.failure);
            return null;
          }
          const status = await sendWithProgress(asked.ticket, file, (sent) =>
            setProgress({ sent: done + Math.min(sent, file.size), total, current: i + 1, count: files.length }),
          );
          if (status < 200 || status >= 300) {
            setFailure({ key: "post.uploadFailed" });
            return null;
          }
          done += file.size;
          keys.push(asked.ticket.key);
        }
        setProgress({ sent: total, total, current: files.length, count: files.length });
        return keys;
      } catch {
        setFailure({ key: "post.uploadFailed" });
        return null;
      } finally {
        // The bar stays while the form is submitted; a failure clears it.
        setProgress((last) => (keys.length === files.length ? last : null));
      }
    },
    [settings],
  );
  const reset = useCallback(() => setProgress(null), []);
  return { upload, progress, failure, reset };
}
