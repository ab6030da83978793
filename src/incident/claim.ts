// The claim key: a random value the run that opens an incident writes into its record and into the
// hidden marker of the issue it creates. A marker is trusted only when the Action's own identity
// wrote it and it carries the record's claim, so nobody can make an issue pass for the next
// incident's by guessing its id (ids are predictable: the date and a counter).
import { createHash } from "node:crypto";

/** `seed` is the run's random value (the shell draws it; tests pin it): same seed and id, same key. */
export function claimKey(seed: string, incidentId: string): string {
  return createHash("sha256").update(`${seed}\u0000${incidentId}`).digest("base64url").slice(0, 22);
}
