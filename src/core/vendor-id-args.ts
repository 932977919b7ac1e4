/**
 * Marks the argument schemas whose values are vendor ids (rooms, users), so
 * validation checks every such value against the account's vendor id rules
 * (src/vendors/id-rules.ts) whichever command, position or platform it came
 * from. The mark lives on the shared schema, so a command that uses `roomId`
 * or `oneUser` is covered without declaring anything.
 */
import { z } from 'zod';
import { type IdKind, idProblem } from '../vendors/id-rules.js';
import type { VendorName } from '../vendors/types.js';

const vendorIdSchemas = z.registry<{ idKind: IdKind }, z.ZodType>();

/** Declares that `schema` yields one id, or a list of ids, of this kind. */
export function vendorId<T extends z.ZodType>(schema: T, idKind: IdKind): T {
  vendorIdSchemas.add(schema, { idKind });
  return schema;
}

/**
 * The first id in `value` (what `schema` produced) the vendor would not
 * accept, as a message; undefined when the schema is not an id or all pass.
 */
export function vendorIdProblem(
  schema: z.ZodType,
  value: unknown,
  vendor: VendorName | null,
): string | undefined {
  const mark = vendorIdSchemas.get(schema);
  if (!mark) return undefined;
  const ids = Array.isArray(value) ? value : [value];
  for (const id of ids) {
    const problem = idProblem(vendor, mark.idKind, String(id));
    if (problem) return problem;
  }
  return undefined;
}
