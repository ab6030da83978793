// Stands in for @actions/http-client inside @actions/core's OIDC client (see build.mjs): the same
// HttpClient, loaded from its own chunk the first time a request is made.
export class HttpClient {
  #args;
  #client;
  constructor(...args) {
    this.#args = args;
  }
  async #real() {
    const { HttpClient: Real } = await import("@actions/http-client");
    return (this.#client ??= new Real(...this.#args));
  }
  async getJson(...args) {
    return (await this.#real()).getJson(...args);
  }
}
