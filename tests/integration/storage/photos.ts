import sharp from "sharp";
import { createSignedInUser } from "#db/seed/factories";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { member, postMultipart } from "../community/helpers";

/** A JPEG whose EXIF names a camera and a place: what must never be served back. */
export async function photoWithLocation() {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: "#2a9d8f" } })
    .jpeg()
    .withExif({ IFD0: { Make: "SecretCam", Copyright: "GPS 10.77N 106.70E" } })
    .toBuffer();
}

export async function noMetadataLeft(bytes: Buffer) {
  return !bytes.includes("SecretCam") && (await sharp(bytes).metadata()).exif === undefined;
}

/** An author, another member, an admin (who moderates) and an anonymous visitor. */
export async function cast(url: string) {
  const author = await member(url);
  const reader = await member(url);
  const admin = await createSignedInUser(testDb(), { role: "admin" });
  return { author, reader, admin: new Browser(url, admin.cookie), visitor: new Browser(url) };
}

/** Posts a photo the way a browser without JavaScript does; returns the post id. */
export async function postWithPhoto(browser: Browser, photo: Buffer): Promise<Response> {
  const form = new FormData();
  form.set("intent", "create-post");
  form.set("kind", "post");
  form.set("text", "My first smoke-free hike");
  form.append("images", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "hike.jpg");
  return postMultipart(browser, "/app/community/new", form);
}

export const postIdOf = (response: Response) => /community\/([0-9a-f-]{36})/.exec(response.headers.get("location") ?? "")?.[1] ?? null;

export async function imageIdsOn(browser: Browser, postId: string): Promise<string[]> {
  const page = await (await browser.get(`/app/community/${postId}`)).text();
  return [...new Set([...page.matchAll(/\/resources\/images\/([0-9a-f-]{36})/g)].map((m) => m[1]!))];
}

export const moderate = (admin: Browser, postId: string, action: "hide" | "restore" | "remove") =>
  admin.post("/admin/moderation", { intent: "moderate", action, postId, note: "Checked by a moderator" });
