/**
 * Words every layer uses, kept below all of them so the store and the vendor
 * clients need nothing from the command core (docs/architecture.md).
 */

/** Every invocation is one of these, decided by its form (DESIGN.md "Kinds"). */
export const KINDS = ['read', 'write', 'destructive'] as const;
export type Kind = (typeof KINDS)[number];

/** Where a person asked: the platform adapters RoomOps has. */
export type PlatformName = 'slack' | 'discord' | 'shell';
