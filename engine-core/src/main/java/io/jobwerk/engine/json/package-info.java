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
 * {@link io.jobwerk.engine.json.OrderJson}, {@link io.jobwerk.engine.json.OrderMarkJson}, {@link io.jobwerk.engine.json.OrderEventJson},
 * {@link io.jobwerk.engine.json.CommandJson}, {@link io.jobwerk.engine.json.ItemJson},
 * {@link io.jobwerk.engine.json.ItemOperationJson} (deployment NDJSON), {@link io.jobwerk.engine.json.ItemEventJson},
 * {@link io.jobwerk.engine.json.NoticeEventJson}, {@link io.jobwerk.engine.json.WorkflowControlEventJson},
 * {@link io.jobwerk.engine.json.SystemEventJson}, {@link io.jobwerk.engine.json.EventJson} (any event, stamped:
 * the event stream and journal) and {@link io.jobwerk.engine.json.EngineStateJson} (snapshot objects).
 *
 * <p>Decoding never throws for bad input. Every problem has code {@code JsonDecode}, a message
 * {@code JSON path $.instructions[1].ifThens[0].predicate: expected a string, found number} and the
 * argument {@code path}; problems of the model (invalid names, expression syntax, unknown jobs) are
 * wrapped with the path and keep their code in the argument {@code cause}. Unknown keys are ignored.
 * Encoding writes JS7's field order and omits defaults as JS7 does.
 */
package io.jobwerk.engine.json;
