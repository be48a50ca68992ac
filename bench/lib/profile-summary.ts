// Reads a V8 .cpuprofile and says where the server's main thread spent its
// time: self time by function and by package/file, and inclusive time of our
// own (src/) functions. Usable alone: `npx tsx bench/lib/profile-summary.ts FILE`.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  selfByFunction: { name: string; ms: number; share: number }[];
  selfByPlace: { name: string; ms: number; share: number }[];
  inclusiveOurs: { name: string; ms: number; share: number }[];
}

function place(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native/V8)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const ours = url.match(/\/(src\/.*|bench\/.*)$/);
  if (ours) return ours[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = place(url, functionName);
  return `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
}

export function summariseProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0);

  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const fnSelf = new Map<string, number>();
  const placeSelf = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    add(fnSelf, label(node), ms);
    add(placeSelf, place(node.callFrame.url, node.callFrame.functionName), ms);
    // Inclusive time: every distinct src/ function on this sample's stack gets its time once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!;
      if (!/\/src\//.test(frame.callFrame.url)) continue;
      const key = label(frame);
      if (!seen.has(key)) {
        seen.add(key);
        add(inclusive, key, ms);
      }
    }
  }
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
  return { totalMs, selfByFunction: rank(fnSelf), selfByPlace: rank(placeSelf), inclusiveOurs: rank(inclusive) };
}

export function formatProfile(summary: ProfileSummary): string {
  const lines = [`CPU profile of the server's main thread: ${(summary.totalMs / 1000).toFixed(1)} s sampled`];
  const section = (title: string, rows: { name: string; ms: number; share: number }[]) => {
    lines.push('', title);
    for (const row of rows) lines.push(`  ${(row.share * 100).toFixed(1).padStart(5)} %  ${row.name}`);
  };
  section('Self time by package / file:', summary.selfByPlace);
  section('Self time by function:', summary.selfByFunction);
  section('Inclusive time of src/ functions:', summary.inclusiveOurs);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const file of process.argv.slice(2)) console.log(formatProfile(summariseProfile(file, 25)));
}
