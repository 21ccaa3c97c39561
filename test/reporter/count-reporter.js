// Ends every jest run with the plain line "N passed, N failed" that CI counts.
class CountReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  }
}
module.exports = CountReporter;
