import { sandboxConfigYaml, startSandboxEmulators } from '../sandbox/sandbox-emulators.js';

/** `roomops sandbox [--port N]`: the emulators in the foreground until SIGINT/SIGTERM. */
export async function runSandbox(port?: number): Promise<void> {
  const emulators = await startSandboxEmulators(port);
  process.stdout.write(sandboxConfigYaml(emulators.urls));
  process.stderr.write('Sandbox emulators running; Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulators.stop();
}
