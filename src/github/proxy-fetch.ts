// A fetch that goes through the proxy HTTPS_PROXY / HTTP_PROXY name, built as @actions/github
// builds it (@actions/http-client's dispatcher for undici). Loaded on demand by client.ts, only
// when a proxy applies: undici is large, and most runners reach GitHub directly.
import { HttpClient } from "@actions/http-client";
import { fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";

export function proxyFetch(baseUrl: string): typeof fetch {
  const dispatcher = new HttpClient().getAgentDispatcher(baseUrl);
  return (async (input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as UndiciRequestInit), dispatcher })) as unknown as typeof fetch;
}
