/**
 * Which vendor supports which command (and form), from the commands'
 * declared operations and the capability matrix.
 */
import { VENDOR_CAPABILITIES } from '../vendors/capabilities.js';
import { VENDORS, type VendorName } from '../vendors/types.js';
import type { CommandSpec } from './command-spec.js';

export function supportsCommand(spec: CommandSpec, vendor: VendorName): boolean {
  if (!spec.takesAccount || spec.operations.length === 0) return true;
  const caps = VENDOR_CAPABILITIES[vendor];
  return spec.operations.some((op) => caps.has(op));
}

/** Account actions a vendor supports, in the commands' order. */
export function supportedActions(commands: readonly CommandSpec[], vendor: VendorName): string[] {
  return commands.filter((c) => c.takesAccount && supportsCommand(c, vendor)).map((c) => c.name);
}

export function vendorsSupporting(spec: CommandSpec): VendorName[] {
  return VENDORS.filter((v) => supportsCommand(spec, v));
}
