import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { processPhoto } from '../../backend/photos/photo-pipeline';

/**
 * Run in a fresh process by photo-bench.ts, so that its memory reading holds the conversion only
 * (not the making of the test photos): converts `count` photos from a folder one after another
 * and prints the times and the peak resident memory as JSON.
 */
const [dir = '', countText = '100'] = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.jpg'))
  .sort()
  .map((f) => readFileSync(join(dir, f)));
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const times: number[] = [];
const started = performance.now();
for (let i = 0; i < Number(countText); i++) {
  const t = performance.now();
  await processPhoto(files[i % files.length] ?? Buffer.alloc(0));
  times.push(performance.now() - t);
}
const total = performance.now() - started;
clearInterval(sampler);
console.log(
  JSON.stringify({
    total,
    times,
    baseline,
    peak: Math.max(peak, process.memoryUsage().rss),
    sizes: files.map((f) => f.length),
  }),
);
