// Check an export folder's ONNX graphs against PyTorch (parity.json); exit 1 on a miss.
// usage: node dist/scripts/check-onnx-parity.js DIR

import { checkOnnxParity, PARITY_TOLERANCE } from '../engine/tools/onnx-parity.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: check-onnx-parity DIR');
  process.exit(2);
}
const results = await checkOnnxParity(dir);
let worst = 0;
for (const r of results) {
  worst = Math.max(worst, r.maxAbsDiff);
  if (r.maxAbsDiff > PARITY_TOLERANCE) console.error(`FAIL ${r.graph}[${r.case}].${r.output}: max |diff| ${r.maxAbsDiff}`);
}
console.log(`${dir}: ${results.length} outputs checked, worst max |diff| ${worst.toExponential(2)} (tolerance ${PARITY_TOLERANCE})`);
process.exitCode = worst > PARITY_TOLERANCE ? 1 : 0;
