/**
 * `--dry-run` works by recording: the HTTP front writes the (redacted) request
 * to the recorder and throws DryRunStop instead of sending. A client that
 * loops over items uses settleEach, which keeps going after a DryRunStop so
 * every item's request is recorded, then rethrows it once.
 */
export class DryRunStop extends Error {
  override readonly name = 'DryRunStop';
  constructor() {
    super('dry run: request recorded, not sent');
  }
}

export const isDryRunStop = (e: unknown): e is DryRunStop => e instanceof DryRunStop;
