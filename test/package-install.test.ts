// The package as it ships (EMU-27): packed from a copy of the checkout without dist/ (so `prepack` must build
// it), installed into fresh consumer projects (ESM, CommonJS, TypeScript node16 and bundler, and node10 for
// CommonJS jest setups), where the README's examples run, and checked by publint --strict and attw.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerProjects, nodeRunnerExamples, readmeBlocks, type Consumer } from './support/consumers';

const root = join(import.meta.dirname, '..');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'customer-graph-pack-'));
let tarball = '';
let tarFiles: string[] = [];
const installs = new Map<string, { readonly status: number | null; readonly stderr: string }>();

function run(cmd: string, args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const out = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

beforeAll(() => {
  // A checkout as a clean clone has it: the tracked and unignored files, no dist/.
  const checkout = join(work, 'checkout');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0');
  for (const file of listed) {
    if (file === '' || file.startsWith('dist/') || !existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    cpSync(join(root, file), join(checkout, file));
  }
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'));
  const packed = run('npm', ['pack', '--pack-destination', work], checkout);
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  // The build prints to stdout too: the tarball is the one file npm wrote.
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? 'no tarball');
  tarFiles = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const consumer of consumerProjects) {
    const dir = join(work, consumer.name);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(consumer.files(readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'))))) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const result = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...consumer.extraInstall], dir);
    installs.set(consumer.name, { status: result.status, stderr: result.stderr });
  }
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('EMU-27: the package as it ships', () => {
  it('EMU-27: a checkout without dist/ packs the built code (prepack), the LICENSE and no sources or source maps', () => {
    for (const file of ['dist/index.cjs', 'dist/index.js', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/emulator.cjs', 'dist/cli.cjs', 'dist/cli-bundle.cjs', 'dist/openapi.json', 'LICENSE', 'README.md']) {
      expect(tarFiles, file).toContain(`package/${file}`);
    }
    expect(tarFiles.filter((f) => f.endsWith('.map') || f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
  });

  it('EMU-27: publint --strict finds nothing', () => {
    const out = run(bin('publint'), ['run', tarball, '--strict'], work);
    expect(out.stdout + out.stderr).toContain('All good!');
    expect(out.status).toBe(0);
  });

  it('EMU-27: attw finds no problem for any entry under node10, node16 (ESM and CJS) and bundler', () => {
    // openapi.json is a data file: `exports` names it, and node10 has no subpath for a file outside the code.
    const out = run(bin('attw'), [tarball, '--format', 'json', '--exclude-entrypoints', './openapi.json'], work);
    const report = JSON.parse(out.stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints)).toEqual(expect.arrayContaining(['.', './schemas', './emulator', './msw', './testing']));
    expect(out.status).toBe(0);
  });

  describe.each(consumerProjects)('EMU-27: a fresh $name project', (consumer: Consumer) => {
    const dir = join(work, consumer.name);

    it('EMU-27: installs with no warning on this Node, and with no HTTP server in its tree', () => {
      const install = installs.get(consumer.name);
      expect(install?.status).toBe(0);
      // npm 11 notes every package with an install script it did not run: the test tools (esbuild, msw), not this package.
      const warnings = (install?.stderr ?? '').split('\n').filter((line) => /npm warn/i.test(line) && !/install-scripts/.test(line));
      expect(warnings).toEqual([]);
      expect(install?.stderr).not.toMatch(/EBADENGINE|customer-graph.*install-scripts/);
      const tree = readdirSync(join(dir, 'node_modules'));
      expect(tree).toContain('customer-graph');
      expect(tree.filter((name) => ['fastify', 'light-my-request', 'pino'].includes(name))).toEqual([]);
    });

    it.each(consumer.checks)('EMU-27: $title', ({ steps }) => {
      const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
      const underNode = nodeRunnerExamples(blocks);
      const underVitest = Object.keys(blocks.testing).filter((file) => !underNode.includes(`out/${file.replace(/\.ts$/, '.js')}`));
      for (const step of steps) {
        const [cmd = '', ...args] = step.flatMap((part) =>
          part.startsWith('bin:') ? [bin(part.slice(4))] : part === 'node' ? [process.execPath] : part === 'testing:node' ? underNode : part === 'testing:vitest' ? underVitest : [part],
        );
        const out = run(cmd, args, dir);
        expect(out.stderr, `${step.join(' ')}\n${out.stdout}`).not.toMatch(/error/i);
        expect(out.status, `${step.join(' ')}\n${out.stdout}\n${out.stderr}`).toBe(0);
      }
    });
  });
});
