// `npm run bench [-- --quick] [--only postgres|embedded] [--runs N] [--rate N] [--inline | --accept-only] [--profile] [--env KEY=VALUE]`
// Load benchmark of the order write path on PostgreSQL and on the embedded
// database; see bench/README.md for what it measures and how to read it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackendName } from './lib/databases.js';
import { formatProfile, summariseProfile } from './lib/profile-summary.js';
import { formatReport } from './lib/report.js';
import { type BackendResult, type ScenarioOptions, runWritePath } from './write-path.js';

function parseArgs(argv: string[]) {
  const args = {
    quick: false,
    only: undefined as BackendName | undefined,
    runs: undefined as number | undefined,
    profile: false,
    split: true,
    acceptOnly: false,
    rate: 1000,
    env: {} as Record<string, string>,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg === '--profile') args.profile = true;
    else if (arg === '--inline') args.split = false;
    else if (arg === '--accept-only') args.acceptOnly = true;
    else if (arg === '--only') {
      const only = value();
      if (only !== 'postgres' && only !== 'embedded') throw new Error('--only takes postgres or embedded');
      args.only = only;
    } else if (arg === '--runs') args.runs = Math.max(1, Number(value()));
    else if (arg === '--rate') args.rate = Math.max(1, Number(value()));
    else if (arg === '--env') {
      const [key, ...rest] = value().split('=');
      if (!key || rest.length === 0) throw new Error('--env takes KEY=VALUE');
      args.env[key] = rest.join('=');
    } else if (arg === '--help' || arg === '-h') {
      console.log(fs.readFileSync(new URL('./README.md', import.meta.url), 'utf8'));
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (see bench/README.md)`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-bench-'));
  const baseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const backends: BackendName[] = args.only ? [args.only] : ['postgres', 'embedded'];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const common: Omit<ScenarioOptions, 'backend'> = {
    baseUrl,
    root,
    workDir,
    runs: args.runs ?? (args.quick ? 1 : 3),
    warmupSeconds: args.quick ? 2 : 3,
    saturationSeconds: args.quick ? 4 : 6,
    baselineSeconds: args.quick ? 3 : 5,
    fixedSeconds: args.quick ? 5 : 15,
    fixedRate: args.rate,
    connections: 50,
    drainTimeoutSeconds: 60,
    serverEnv: args.env,
    split: args.split,
    acceptOnly: args.acceptOnly,
    cpuProfile: args.profile,
    log,
  };
  log(`engage-orders write-path benchmark${args.quick ? ' (quick)' : ''}: ${backends.join(' + ')}; work dir ${workDir}`);
  if (Object.keys(args.env).length) log(`service environment: ${JSON.stringify(args.env)}`);
  const started = Date.now();
  const results: BackendResult[] = [];
  for (const backend of backends) {
    log(`${backend}:`);
    results.push(await runWritePath({ ...common, backend }));
  }
  const report = formatReport(results, {
    quick: args.quick,
    env: args.env,
    split: args.split,
    acceptOnly: args.acceptOnly,
    rate: args.rate,
    seconds: (Date.now() - started) / 1000,
    profile: args.profile,
  });
  console.log(report);
  if (args.profile) {
    // The last saturation run's profile of each server process.
    for (const result of results) {
      const phase = result.phases.filter((p) => p.kind === 'saturation').at(-1);
      for (const window of phase?.server ?? []) {
        if (!window.profilePath) continue;
        console.log(
          `\n### ${result.backend}, ${window.role} process: ${window.profilePath}\n\n\`\`\`\n${formatProfile(summariseProfile(window.profilePath))}\n\`\`\``,
        );
      }
    }
  }
  fs.writeFileSync(path.join(workDir, 'results.json'), JSON.stringify(results, null, 1));
  log(`\nraw results, server logs${args.profile ? ' and CPU profiles' : ''}: ${workDir}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
