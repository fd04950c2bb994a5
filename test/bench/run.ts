import { cpus, totalmem } from 'node:os';
import { claimsBench } from './claims-bench';
import { draftStepBench } from './draft-bench';
import { photoBench } from './photo-bench';
import { queueCacheBench } from './queue-bench';
import { coldSyncBench, throughputBench } from './sync-bench';
import { videoBench } from './video-bench';

/** `npm run bench`: prints a Markdown table to paste into docs/BENCHMARKS.md with the machine and date. */
async function main(): Promise<void> {
  const results = [
    ...(await coldSyncBench()),
    ...(await throughputBench()),
    ...(await queueCacheBench()),
    ...(await claimsBench()),
    ...draftStepBench(),
    ...(await videoBench()),
    ...(await photoBench()),
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nMachine: ${machine}\nDate: ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| benchmark | result |\n|---|---|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.value.toLocaleString('en')} ${r.unit}${r.note ? ` (${r.note})` : ''} |`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
