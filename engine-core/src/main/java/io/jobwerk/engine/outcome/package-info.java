/**
 * What a job step or an instruction ended with ({@link io.jobwerk.engine.outcome.Outcome}, JS7's
 * {@code OrderOutcome}): below {@code workflow}, whose Finish instruction names one, and {@code order},
 * whose history and events carry them.
 */
package io.jobwerk.engine.outcome;
