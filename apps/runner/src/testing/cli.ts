/** Runs the CLI in this process as a user would, with what it prints captured. */
import { runCli } from '../cli/run-cli';

export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}
