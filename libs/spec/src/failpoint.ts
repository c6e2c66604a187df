/**
 * Fault injection for the tests: with ABLATE_FAILPOINT=<name> in the environment the process
 * kills itself with SIGKILL when it reaches that point, as a failing node or the OOM killer would
 * (no cleanup, no exit handlers). Without the variable nothing happens. The points are named in
 * the code that calls this; apps/runner's fault tests go through each of them.
 */
export function failpoint(name: string): void {
  if (process.env.ABLATE_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
