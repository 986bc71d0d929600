import { type AddressInfo } from "node:net";
import { type Server } from "node:http";
import { createHttpApp, loadBuild } from "../../server";
import { parseEnv } from "~/lib/env.server";

/** The real Express + Remix stack, in this process, on a loopback port, over this file's database. */
export async function startTestServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const build = await loadBuild();
  const app = createHttpApp(build, parseEnv(process.env));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A browser-like client: keeps cookies, sends our Origin on posts, never follows redirects. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    cookie?: string,
  ) {
    if (cookie) this.setCookieHeader(cookie);
  }

  private setCookieHeader(pair: string) {
    const [name, ...rest] = pair.split("=");
    this.cookies.set(name!.trim(), rest.join("="));
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      const [name] = pair.split("=");
      if (expired) this.cookies.delete(name!.trim());
      else this.setCookieHeader(pair);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), { redirect: "manual", headers: { Cookie: this.cookieHeader, ...headers } });
    this.remember(response);
    return response;
  }

  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams(fields),
      headers: {
        Cookie: this.cookieHeader,
        Origin: this.baseUrl,
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/x-www-form-urlencoded",
        ...headers,
      },
    });
    this.remember(response);
    return response;
  }
}

/** How many SQL statements the server issued for a response (in-process test server only). */
export { queryCountsByRequest } from "#db/client.server";
