// The README's emulator examples (EMU-16): each `sh emulator` block is a curl command, run with the real
// curl binary (or, where there is none, the same request with fetch) against a real server, and the JSON
// block after it is the answer it must get. The `ts emulator-example` block runs as written.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/cli';
import { FIXED_AT, serve, type TestServer } from './support/http';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CURL = ['/usr/bin/curl', '/usr/local/bin/curl', '/bin/curl'].find((p) => existsSync(p));
const DOCUMENTED_BASE = 'http://127.0.0.1:8080';

/** Splits a shell command into words: single and double quotes, backslash-newline continuations. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] ?? '';
    if (c === '\\' && command[i + 1] === '\n') {
      i += 1;
      continue;
    }
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word += command.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && (command[j + 1] === '"' || command[j + 1] === '\\')) j += 1;
        word += command[j] ?? '';
      }
      i = j;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

interface Example {
  readonly command: string;
  readonly expected: unknown;
}

function examples(): Example[] {
  // Every fenced block with its info string (```sh emulator, ```json, ...).
  const blocks = [...README.matchAll(/^```([^\n]*)\n([\s\S]*?)^```/gm)].map((m) => ({ info: (m[1] ?? '').trim(), text: m[2] ?? '' }));
  const out: Example[] = [];
  for (const [i, block] of blocks.entries()) {
    if (block.info !== 'sh emulator') continue;
    const next = blocks[i + 1];
    if (next?.info !== 'json') throw new Error(`README: the curl block ${out.length + 1} has no json block after it`);
    out.push({ command: block.text.trim(), expected: JSON.parse(next.text) as unknown });
  }
  return out;
}

/** Runs one documented curl command against `base`: with curl, or with fetch when curl is missing. */
async function run(command: string, base: string, useCurl: boolean): Promise<string> {
  const words = shellWords(command).map((w) => w.replaceAll(DOCUMENTED_BASE, base));
  expect(words[0]).toBe('curl');
  const args = words.slice(1);
  if (useCurl && CURL !== undefined) return (await promisify(execFile)(CURL, args, { encoding: 'utf8' })).stdout;
  let method: string | undefined;
  let url = '';
  let body: string | undefined;
  const headers: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = () => args[++i] ?? '';
    if (a === '-s' || a === '--silent') continue;
    else if (a === '-X' || a === '--request') method = value();
    else if (a === '-u' || a === '--user') headers['authorization'] = `Basic ${Buffer.from(value()).toString('base64')}`;
    else if (a === '-H' || a === '--header') {
      const [k, ...v] = value().split(':');
      headers[(k ?? '').trim().toLowerCase()] = v.join(':').trim();
    } else if (a === '-d' || a === '--data' || a === '--data-raw') body = value();
    else if (a.startsWith('-')) throw new Error(`the fetch fallback does not know ${a}`);
    else url = a;
  }
  const res = await fetch(url, { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) });
  return res.text();
}

let server: TestServer;

beforeAll(async () => {
  server = await serve({ clock: () => FIXED_AT });
});

afterAll(async () => {
  await server.close();
});

describe('EMU-16: the README curl examples run against a real server and get the answers it shows', () => {
  const all = examples();

  it('EMU-16: the README shows npm install && npm start, the default credentials, and register, lookup and get examples', () => {
    expect(README).toContain('npm install && npm start');
    expect(README).toMatch(/`demo\.till`\*\*, password\s+\*\*`demo`/);
    const paths = all.map((e) => e.command);
    expect(paths.some((c) => c.includes("/v2/customers?source="))).toBe(true);
    expect(paths.some((c) => c.includes('/v2/customers/lookup?'))).toBe(true);
    expect(paths.some((c) => /\/v2\/customers\/\d+\?source=/.test(c))).toBe(true);
  });

  it(`EMU-16: each curl example, in order, answers the JSON shown after it (${CURL === undefined ? 'fetch' : 'curl'})`, async () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const example of all) {
      const out = await run(example.command, server.url, true);
      expect(JSON.parse(out) as unknown, example.command).toEqual(example.expected);
    }
  });

  it('EMU-16: the same examples give the same answers as fetch requests (the fallback where curl is missing)', async () => {
    const fresh = await serve({ clock: () => FIXED_AT });
    try {
      for (const example of all) {
        const out = await run(example.command, fresh.url, false);
        expect(JSON.parse(out) as unknown, example.command).toEqual(example.expected);
      }
    } finally {
      await fresh.close();
    }
  });

  it('EMU-16: the in-process example (customer-graph/emulator) runs as written', async () => {
    const block = /```ts emulator-example\n([\s\S]*?)```/.exec(README)?.[1];
    expect(block, 'README.md has a ```ts emulator-example block').toBeDefined();
    const source = (block ?? '').replace(/from 'customer-graph\/emulator'/g, `from ${JSON.stringify(join(ROOT, 'src/emulator.ts'))}`);
    const dir = join(ROOT, 'test/.generated');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'readme-emulator-example.ts');
    writeFileSync(file, `${source}\nexport const ran = true;\n`);
    const mod = (await import(file)) as { ran: boolean };
    expect(mod.ran).toBe(true);
  });
});
