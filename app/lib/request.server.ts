/** Header server.ts sets (overwriting anything a client sent) to the address Express resolved. */
export const CLIENT_IP_HEADER = "x-quitpath-client-ip";

export function clientIpOf(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
