// `npm run bench` (bench.sh): the pricing benchmark on a release build of the native module, whose
// path is the first argument. Prints the figures and fails when above 2x the engine's time + 10 µs.
import { createRequire } from 'node:module'
import { resolve } from 'node:path'

import { measure, report } from './pricing.mjs'

const require = createRequire(import.meta.url)
const vitrina = require(resolve(process.argv[2]))
const figures = measure(vitrina, { calls: 2000, repeats: 10, warmup: 200 })
console.log(`[bench, release] ${report(figures)}`)
if (!(figures.node < figures.limit)) {
  console.error('above the limit')
  process.exitCode = 1
}
