/**
 * The JS7 engine JSON format (what a JS7 Controller accepts and writes), hand-written over Jackson's
 * tree model so the model stays free of Jackson.
 *
 * <p>Start at {@link io.jobwerk.engine.json.EngineJson} (mapper, parse, print). One codec class per
 * area, each with {@code decode…(JsonNode) → Checked<T>} and {@code encode(T) → JsonNode}:
 * {@link io.jobwerk.engine.json.WorkflowJson}, {@link io.jobwerk.engine.json.InstructionJson},
 * {@link io.jobwerk.engine.json.JobJson}, {@link io.jobwerk.engine.json.TimeJson},
 * {@link io.jobwerk.engine.json.ValueJson}, {@link io.jobwerk.engine.json.OutcomeJson},
 * {@link io.jobwerk.engine.json.PositionJson}, {@link io.jobwerk.engine.json.ProblemJson},
 * {@link io.jobwerk.engine.json.OrderJson}, {@link io.jobwerk.engine.json.OrderEventJson},
 * {@link io.jobwerk.engine.json.CommandJson}.
 *
 * <p>Decoding never throws for bad input. Every problem has code {@code JsonDecode}, a message
 * {@code JSON path $.instructions[1].ifThens[0].predicate: expected a string, found number} and the
 * argument {@code path}; problems of the model (invalid names, expression syntax, unknown jobs) are
 * wrapped with the path and keep their code in the argument {@code cause}. Unknown keys are ignored.
 * Encoding writes JS7's field order and omits defaults as JS7 does.
 */
package io.jobwerk.engine.json;
