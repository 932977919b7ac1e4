/**
 * Numeric snowflake ids: discord.js derives timestamps from message ids
 * (PLATFORMS.md "INTERACTION_CREATE fields"), so every id the fake hands out
 * is a real-looking snowflake, not a counter.
 */
const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}
