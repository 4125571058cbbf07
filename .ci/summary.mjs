// Prints vitest's totals as one plain line ("tests: N passed, N failed, N skipped"),
// the closing line CI reads to know that tests ran.
import fs from 'node:fs'

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const skipped = report.numPendingTests + report.numTodoTests
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`)
