// `npm run bench [-- name ...]`: runs the named scenarios (all by default) and prints figures.
// Add a scenario by adding one entry to the list below.
import { describeAuthBench, runAuthBench } from './auth.bench.ts';
import { batchStatsBench } from './batch-stats.bench.ts';
import { chatDistributedBench, chatEmbeddedBench, idleConnectionsBench } from './chat.bench.ts';
import { gatewayBench } from './gateway.bench.ts';
import { importBench } from './import.bench.ts';
import { peersBench } from './peers.bench.ts';
import { restDistributedBench, restEmbeddedBench } from './rest.bench.ts';
import { searchBench } from './search.bench.ts';
import { socialBench } from './social.bench.ts';
import { storeBench } from './store.bench.ts';
import { uploadBench } from './upload.bench.ts';
import { webBench } from './web.bench.ts';

interface Scenario {
  name: string;
  run(): Promise<string[]>;
}

const scenarios: Scenario[] = [
  { name: 'auth', run: async () => describeAuthBench(await runAuthBench()) },
  { name: 'chat-embedded', run: chatEmbeddedBench },
  { name: 'chat-distributed', run: chatDistributedBench },
  { name: 'connections', run: idleConnectionsBench },
  { name: 'rest-embedded', run: restEmbeddedBench },
  { name: 'rest-distributed', run: restDistributedBench },
  { name: 'web', run: webBench },
  { name: 'gateway', run: gatewayBench },
  { name: 'search', run: searchBench },
  { name: 'upload', run: uploadBench },
  { name: 'import', run: importBench },
  { name: 'peers', run: peersBench },
  { name: 'batch-stats', run: batchStatsBench },
  { name: 'store', run: storeBench },
  { name: 'social', run: socialBench },
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !scenarios.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(
    `unknown scenario(s): ${unknown.join(', ')} (have: ${scenarios.map((s) => s.name).join(', ')})`,
  );
  process.exit(1);
}
for (const scenario of scenarios.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  console.log(`== ${scenario.name}`);
  for (const line of await scenario.run()) console.log(`  ${line}`);
}
process.exit(0);
