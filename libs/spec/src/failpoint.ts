/**
 * Fault injection for the tests: with ABLATE_FAILPOINT=<name> in the environment the process
 * kills itself with SIGKILL when it reaches that point, as a failing node or the OOM killer would
 * (no cleanup, no exit handlers). With ABLATE_FAILPOINT=<name>@stop it stops itself (SIGSTOP) the
 * first time it gets there, so that a test can send it a signal at a known point, whatever the
 * speed of the machine, and then let it go on (SIGCONT). Without the variable nothing happens. The
 * points are named in the code that calls this; apps/runner's fault tests go through each of them.
 */
let stopped = false;

export function failpoint(name: string): void {
  const wanted = process.env.ABLATE_FAILPOINT;
  if (wanted === name) process.kill(process.pid, 'SIGKILL');
  if (wanted === `${name}@stop` && !stopped) {
    stopped = true;
    process.kill(process.pid, 'SIGSTOP');
  }
}
