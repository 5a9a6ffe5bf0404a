// `npm run bench -- <name>`: runs one benchmark and prints one JSON line at the end.
// Benchmarks are measurements, not tests: they report figures (medians and
// p95s of many samples, side by side in one run) for docs/BENCHMARKS.md.
import { benches } from './bench/index';

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <name>\n  names: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
const figures = await bench();
console.log(JSON.stringify({ bench: name, ...figures }));
process.exit(0);
