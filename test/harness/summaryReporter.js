// Mocha reporter: mocha's spec output, then one line 'N passed, N failed[, N skipped]' (the same
// summary line every tier of `npm test` ends with). Plain CommonJS so a mocharc can name it by path:
//   "reporter": "./test/harness/summaryReporter.js"
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded by mocha by path */
'use strict';
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = this.stats;
      const line = `${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ''}`;
      // Registered after the spec reporter's epilogue (its own 'end' listener), so printed after it;
      // synchronously, because --exit ends the process right after the run.
      process.stdout.write(`${line}\n`);
    });
  }
}

module.exports = SummaryReporter;
