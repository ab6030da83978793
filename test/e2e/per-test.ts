// A fresh world (emulator + bare remote) for every test of a file, checked after each test for
// contract violations against GitHub's OpenAPI description, then torn down.
import { afterEach, beforeEach, expect } from "vitest";
import { world, type World } from "./harness.js";

export function worldPerTest(setup: (w: World) => Promise<void> | void): void {
  let current: World | undefined;
  beforeEach(async () => {
    current = await world();
    await setup(current);
  });
  afterEach(async () => {
    expect(current?.gh.violations ?? []).toEqual([]);
    await current?.close();
  });
}
