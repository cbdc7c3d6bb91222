// The command line: `customer-graph serve` and `customer-graph replay`, each with --help (EMU-12, EMU-15).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_ORG_CONFIG, defineOrg, type OrgConfig } from '../../index';
import { basicHeader } from '../http/auth';
import { createEmulator, type Emulator } from '../runtime/emulator';
import { VERSION } from '../version';
import { replayScenario } from './replay';

/** Where the CLI writes, and what it reads from its environment. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readStdin?: () => Promise<string>;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM); `serve` then closes cleanly. */
  readonly stopSignal: () => Promise<string>;
}

const MAIN_HELP = `customer-graph: the Customer API emulator over an executable model of its identity rules.

Usage:
  customer-graph serve [options]             serve the documented HTTP API (Ctrl-C stops it)
  customer-graph replay FILE.jsonl [options] apply a scenario of requests to fresh orgs, one response line each
  customer-graph help [COMMAND]              this help, or a command's
  customer-graph version                     the version (also --version, -v)

Run "customer-graph COMMAND --help" for the options of a command.
`;

const SERVE_HELP = `Usage: customer-graph serve [--port N] [--host ADDRESS] [--org FILE]... [--data DIR [--snapshot-after BYTES]] [--quiet]

Serves the documented Customer API (/v2/customers..., /v1.1/customer/get) with the real rules and real
state. Requests authenticate with HTTP Basic: a till's code and password from the org configuration. The
default org has the till demo.till with password demo.

Options:
  --port N        port to listen on (default: $PORT, else 8080; 0 picks a free port)
  --host ADDRESS  address to bind (default 127.0.0.1)
  --org FILE      an org configuration: a JSON file holding one configuration object or an array of them.
                  Repeat for several orgs. Default: the built-in default org.
  --data DIR      keep state across restarts: each accepted change is appended to DIR/<org>.events.jsonl
                  (flushed to disk before the response) and the log is replayed at start.
                  Default: in memory only.
  --snapshot-after BYTES
                  with --data: once an org's newest log segment passes this size, a snapshot of the
                  org is written beside the log and a fresh segment begins; start-up loads the newest
                  snapshot and replays only what follows it. Default: 67108864 (64 MiB).
  --quiet         do not log a line per request
  -h, --help      this help

SIGINT and SIGTERM stop it cleanly: the requests under way finish and the logs are closed.
`;

const REPLAY_HELP = `Usage: customer-graph replay FILE.jsonl [--org FILE]... [--at DATE-TIME] [--step SECONDS]

Applies each line of FILE (use - for standard input) to fresh, in-memory orgs, in order, and prints one JSON
line per request with its status and response body. A line is a request in the API's own vocabulary:

  {"method":"POST","path":"/v2/customers","query":{"source":"INSTORE"},"body":{...}}
  {"method":"GET","path":"/v2/customers/lookup?source=ALL&identifierName=email&identifierValue=a@b.c"}

"till" names the till that sends it (default: the first till of the first org). Empty lines and lines
starting with # or // are skipped. Output lines look like:

  {"line":1,"method":"POST","path":"/v2/customers?source=INSTORE","status":200,"body":{...}}

Options:
  --org FILE           an org configuration (as for serve); default: the built-in default org
  --at DATE-TIME       the time of the first request (default 2024-01-01T00:00:00Z)
  --step SECONDS       how far the clock moves for each request (default 1)
  -h, --help           this help

Exit status: 0 when every line was a valid request, whatever its HTTP status; 1 otherwise; 2 for an error
of the command (bad usage, an unreadable file, an invalid org file).
`;

class UsageError extends Error {}

/** A file error in words rather than errno codes. */
function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a directory', EPERM: 'permission denied' };
  return (code === undefined ? undefined : words[code]) ?? code ?? 'unreadable';
}

const COMMANDS = ['serve', 'replay', 'help', 'version'] as const;

/** Levenshtein distance, for "did you mean"; the strings are command names, so the quadratic table is tiny. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function unknownCommand(command: string): string {
  // Two edits catch a dropped, doubled or swapped letter (serv, replya) without guessing at unrelated words.
  const near = COMMANDS.map((c) => ({ c, d: distance(command.toLowerCase(), c) })).sort((x, y) => x.d - y.d)[0];
  const hint = near !== undefined && near.d <= 2 ? `did you mean ${near.c}?` : `commands: ${COMMANDS.join(', ')}`;
  return `unknown command ${command}; ${hint}`;
}

async function loadOrgs(files: readonly string[]): Promise<OrgConfig[]> {
  if (files.length === 0) return [];
  const out: OrgConfig[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read org file ${file}: ${fileProblem(error)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch (error) {
      throw new UsageError(`org file ${file} is not JSON: ${error instanceof Error ? error.message : 'unreadable'}`);
    }
    const entries: unknown[] = Array.isArray(json) ? json : [json];
    if (entries.length === 0) throw new UsageError(`org file ${file} holds an empty array: it needs at least one org configuration`);
    for (const [i, entry] of entries.entries()) {
      // Validated here rather than by the emulator, so that the message names the file and the field in
      // the file's own terms instead of the API's 400 wording ("input xml/json"). The configuration, not
      // the built org, is passed on: the built org is only recognised by the module instance that made it.
      const built = defineOrg(entry);
      if (built.isOk()) {
        out.push(entry as OrgConfig);
        continue;
      }
      const e = built.error;
      const field = e.path.slice(e.path[0] === 'org' ? 1 : 0).join('.') || 'the configuration';
      const id = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? ` ${(entry as { id: string }).id}` : '';
      const which = Array.isArray(json) ? `org${id} (entry ${i + 1})` : `org${id}`;
      throw new UsageError(`org file ${file}: ${which}: ${field}: ${'problem' in e ? e.problem : e.reason}`);
    }
  }
  return out;
}

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]{1,5}$/.test(raw) || Number(raw) > 65535) throw new UsageError(`not a port: ${raw}`);
  return Number(raw);
}

function parseBytes(raw: string): number {
  if (!/^[0-9]{1,15}$/.test(raw) || Number(raw) < 1) throw new UsageError(`--snapshot-after: not a size in bytes: ${raw}`);
  return Number(raw);
}

function banner(emulator: Emulator, url: string, dataDir: string | undefined): string {
  const lines = [`customer-graph emulator listening on ${url}`];
  for (const org of emulator.orgs) {
    // Every till, so that any configured till can be used without opening the org file.
    for (const t of org.tills.values()) lines.push(`  org ${org.id}: till ${t.code}, password ${t.password}`);
    const till = [...org.tills.values()][0];
    if (till === undefined) continue;
    lines.push(`    Authorization: ${basicHeader(till.code, till.password)}`);
    lines.push(`    curl -u '${till.code}:${till.password}' '${url}/v2/customers/search?q=tom'`);
  }
  lines.push(`  admin (run-time orgs, /_emulator/orgs): ${emulator.admin.code}, password ${emulator.admin.password}`);
  lines.push(dataDir === undefined ? '  state: in memory (pass --data DIR to keep it across restarts)' : `  state: event logs in ${dataDir}`);
  lines.push('  stop: Ctrl-C (SIGINT) or SIGTERM');
  return `${lines.join('\n')}\n`;
}

async function serve(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      org: { type: 'string', multiple: true },
      data: { type: 'string' },
      'snapshot-after': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  const port = parsePort(values.port ?? io.env['PORT'], 8080);
  // Compaction is of a data directory's log: without one the option would be silently ignored.
  if (values['snapshot-after'] !== undefined && values.data === undefined) throw new UsageError('--snapshot-after needs --data DIR');
  const host = values.host ?? '127.0.0.1';
  const loaded = await loadOrgs(values.org ?? []);
  const orgs = loaded.length === 0 ? [DEFAULT_ORG_CONFIG] : loaded;
  const quiet = values.quiet === true;
  const emulator = await createEmulator({
    orgs,
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    ...(values['snapshot-after'] === undefined ? {} : { snapshotAfterBytes: parseBytes(values['snapshot-after']) }),
    log: quiet ? () => undefined : (line) => io.stdout(`${new Date().toISOString()} ${line}\n`),
    warn: (line) => io.stderr(`warning: ${line}\n`),
  });
  let url: string;
  try {
    url = await emulator.listen({ port, host });
  } catch (error) {
    await emulator.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${host} is in use: pass --port (0 picks a free one)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${host}`);
    throw error;
  }
  io.stdout(banner(emulator, url, values.data));
  const signal = await io.stopSignal();
  io.stdout(`${signal}: stopping\n`);
  await emulator.close();
  io.stdout('stopped\n');
  return 0;
}

async function replay(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      org: { type: 'string', multiple: true },
      at: { type: 'string' },
      step: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help === true) {
    io.stdout(REPLAY_HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('replay needs a scenario file (FILE.jsonl, or - for standard input)');
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (values.at !== undefined && Number.isNaN(Date.parse(values.at))) throw new UsageError(`--at: not a date-time: ${values.at}`);
  if (values.step !== undefined && !/^[0-9]{1,9}$/.test(values.step)) throw new UsageError(`--step: not a whole number of seconds: ${values.step}`);
  const loaded = await loadOrgs(values.org ?? []);
  const orgs = loaded.length === 0 ? [DEFAULT_ORG_CONFIG] : loaded;
  let text: string;
  try {
    text = file === '-' && io.readStdin !== undefined ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read scenario file ${file}: ${fileProblem(error)}`);
  }
  const results = await replayScenario(text, {
    orgs,
    ...(values.at === undefined ? {} : { at: values.at }),
    ...(values.step === undefined ? {} : { step: Number(values.step) }),
  });
  for (const r of results) io.stdout(`${JSON.stringify(r)}\n`);
  return results.some((r) => r.error !== undefined) ? 1 : 0;
}

/** One line: a message with a newline in it (an error from deeper down) would otherwise span several. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}

/** Runs the CLI, `serve`, `replay` and `version` with their --help (EMU-12, EMU-15); resolves with the exit status. Never throws: every error is one line on stderr and exit status 2. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      case 'replay':
        return await replay(rest, io);
      case 'version':
      case '--version':
      case '-v':
        io.stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h': {
        const topic = rest[0];
        io.stdout(topic === 'serve' ? SERVE_HELP : topic === 'replay' ? REPLAY_HELP : MAIN_HELP);
        return 0;
      }
      default:
        io.stderr(`customer-graph: ${unknownCommand(command)}\n`);
        return 2;
    }
  } catch (error) {
    // Bad usage, a bad org file, a corrupt event log: one line, never a stack, and exit status 2 (1 is
    // replay's "a line was not a request"). Usage errors point at the command's --help.
    const usage = error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    // parseArgs's wording ("Unknown option '--x'. To specify a positional ...") made like the command's own.
    const raw = error instanceof Error ? error.message : String(error);
    const message = oneLine(usage && !(error instanceof UsageError) ? raw.replace(/\. To specify a positional.*$/s, '').replace(/^./, (c) => c.toLowerCase()) : raw);
    io.stderr(`customer-graph: ${message}${usage ? ` (see customer-graph ${command} --help)` : ''}\n`);
    return 2;
  }
}
