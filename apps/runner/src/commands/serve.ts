/**
 * `serve`: the report page of an experiment on http://127.0.0.1:<port>/, kept live while a sweep
 * runs: the server looks at the results folder twice a second and, when a trial has finished or a
 * running one has ended an epoch, sends the page's new data to every open page (server-sent
 * events, /events). The page is built in memory from the trial folders: nothing is written into
 * the results folder. Local only: it listens on 127.0.0.1.
 */
import { createServer, type ServerResponse } from 'node:http';
import { relative } from 'node:path';
import { livePageData, reportHtml, type PageData } from '@ablate/report';
import { UserError } from '@ablate/spec';
import { parseOptions } from '../cli/options';
import { EXPERIMENT_OPTIONS, type Command } from './command';
import { reportSource, resultsDirOf } from './experiment-report';
import { folderSignature, runningTrials } from './live-results';
import { planWithData } from './plan';

export const DEFAULT_PORT = 8765;
const POLL_MS = 500;

const options = {
  ...EXPERIMENT_OPTIONS,
  port: { type: 'string', description: `The port on 127.0.0.1 (default ${DEFAULT_PORT}).` },
} as const;

function portOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new UserError(`--port ${text} is not a port number (1-65535).`, { hint: `For example --port ${DEFAULT_PORT}.` });
  return port;
}

function listenError(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === 'EADDRINUSE') return new UserError(`port ${port} on 127.0.0.1 is in use by another program (another ablate serve?).`, { hint: `Stop it, or give this one another port: --port ${port === 65535 ? port - 1 : port + 1}.` });
  if (error.code === 'EACCES') return new UserError(`port ${port} on 127.0.0.1 is reserved for the system administrator.`, { hint: `Use a port above 1023, e.g. --port ${DEFAULT_PORT}.` });
  return error;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serves the report page of an experiment on 127.0.0.1 and keeps it live while its trials run (nothing is written).',
  options,
  async run(argv, io) {
    const opts = parseOptions('serve', options, argv);
    const port = portOf(opts.port);
    const plan = planWithData(opts.experiment as string, { set: opts.set });
    const source = reportSource(plan);
    const resultsDir = resultsDirOf(plan);
    // A search's proposals appear as it runs: its trials are read again at each look.
    const build = (): PageData => {
      if (!plan.expansion.search) return livePageData(source, runningTrials(resultsDir, plan.expansion.trials));
      const current = reportSource(plan); // its trials read once from disk per look
      return livePageData(current, runningTrials(resultsDir, current.trials));
    };
    let data = build();
    let json = JSON.stringify(data);
    let signature = folderSignature(resultsDir);
    const clients = new Set<ServerResponse>();

    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      } else if (path === '/' || path === '/index.html' || path === '/report.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(reportHtml(data, { live: true }));
      } else if (path === '/data.json') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(json);
      } else if (path === '/events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(`retry: 2000\ndata: ${json}\n\n`);
        clients.add(res);
        req.on('close', () => clients.delete(res));
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: the report is at /\n');
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(listenError(error as NodeJS.ErrnoException, port)));
      server.listen(port, '127.0.0.1', () => resolve());
    });

    const timer = setInterval(() => {
      const now = folderSignature(resultsDir);
      if (now === signature) return;
      try {
        data = build();
      } catch (error) {
        // A file read while its writer was replacing it: the next look reads it whole.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) io.err(`note: the results could not be read (${(error as Error).message}); the page keeps the last ones.\n`);
        return;
      }
      signature = now;
      json = JSON.stringify(data);
      for (const client of clients) client.write(`data: ${json}\n\n`);
    }, POLL_MS);

    const rel = relative(process.cwd(), resultsDir);
    const { done, total } = data.counts;
    io.out(`serving the report of ${plan.loaded.display} (${rel.startsWith('..') ? resultsDir : rel}/: ${done} of ${total} trials done) at http://127.0.0.1:${port}/ — it updates as trials run; Ctrl-C stops.\n`);
    if (done === 0) io.out(`note: no trial has finished yet; the page fills in as \`npx ablate exec --experiment ${opts.experiment as string}\` runs them.\n`);

    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        clearInterval(timer);
        for (const client of clients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
