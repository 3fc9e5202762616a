import { checkReport, builtinSchemas } from '../../server/src/engine';
import { docOf } from './documents';
const spec = JSON.parse(process.argv[2]);
const d = docOf(spec);
for (const opts of [{}, { schema: builtinSchemas()[0] }, {}]) {
  const t0 = performance.now(); const r = checkReport(d.text, opts); console.log((performance.now()-t0).toFixed(0), 'ms', r.findings.length);
}
