/** `roomops discord-register [--guild ID]`: bulk-overwrites `/room`, prints what it registered. */
export async function runDiscordRegister(guildId?: string): Promise<number> {
  const token = process.env.DISCORD_TOKEN;
  const applicationId = process.env.DISCORD_APPLICATION_ID;
  if (!token || !applicationId) {
    process.stderr.write(
      'discord-register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID in the environment.\n',
    );
    return 2;
  }
  const { registerCommands } = await import('../platforms/discord/registration.js');
  const { outboundTimeoutMs } = await import('../platforms/outbound-timeout.js');
  try {
    const stored = await registerCommands({
      token,
      applicationId,
      timeoutMs: outboundTimeoutMs(process.env),
      ...(process.env.DISCORD_API_URL ? { apiUrl: process.env.DISCORD_API_URL } : {}),
      ...(guildId ? { guildId } : {}),
    });
    for (const command of stored as { name: string; options?: { name: string }[] }[]) {
      process.stdout.write(
        `Registered /${command.name} ${guildId ? `in guild ${guildId}` : 'globally'} with subcommands: ${(command.options ?? []).map((o) => o.name).join(', ')}\n`,
      );
    }
    return 0;
  } catch (error) {
    // Never echo the token: discord.js errors carry method, path and Discord's message only.
    process.stderr.write(
      `discord-register failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
