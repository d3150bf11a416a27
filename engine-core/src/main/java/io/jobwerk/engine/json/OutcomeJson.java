package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Outcome} as JS7's {@code OrderOutcome} JSON:
 * {@code {"TYPE":"Succeeded","namedValues":{"returnCode":0}}},
 * {@code {"TYPE":"Failed","message":"…","namedValues":{…}}},
 * {@code {"TYPE":"TimedOut","outcome":{…}}}, {@code {"TYPE":"Killed","outcome":{…}}},
 * {@code {"TYPE":"Caught"}},
 * {@code {"TYPE":"Disrupted","reason":{"TYPE":"ProcessLost","problem":{…}},"uncatchable":true}}
 * (reason {@code Other} requires {@code problem}). Empty {@code namedValues} and false
 * {@code uncatchable} are omitted.
 */
public final class OutcomeJson {
    private OutcomeJson() {}

    public static Checked<Outcome> decode(JsonNode json) {
        return JsonCursor.decode(json, OutcomeJson::decode);
    }

    /** @throws IllegalArgumentException if a named value is Missing or a Function */
    public static ObjectNode encode(Outcome outcome) {
        ObjectNode o = EngineJson.object();
        switch (outcome.kind()) {
            case SUCCEEDED -> {
                o.put("TYPE", "Succeeded");
                putNamedValues(o, outcome.namedValues());
            }
            case FAILED -> {
                Outcome.Failed f = (Outcome.Failed) outcome;
                o.put("TYPE", "Failed");
                f.message().ifPresent(m -> o.put("message", m));
                putNamedValues(o, f.namedValues());
                if (f.uncatchable()) {
                    o.put("uncatchable", true);
                }
            }
            case TIMED_OUT -> {
                o.put("TYPE", "TimedOut");
                o.set("outcome", encode(((Outcome.TimedOut) outcome).outcome()));
            }
            case KILLED -> {
                o.put("TYPE", "Killed");
                o.set("outcome", encode(((Outcome.Killed) outcome).outcome()));
            }
            case CAUGHT -> o.put("TYPE", "Caught");
            case DISRUPTED -> {
                Outcome.Disrupted d = (Outcome.Disrupted) outcome;
                o.put("TYPE", "Disrupted");
                ObjectNode reason = o.putObject("reason");
                if (d.reason() instanceof Outcome.ProcessLost lost) {
                    reason.put("TYPE", "ProcessLost");
                    lost.problem().ifPresent(p -> reason.putObject("problem").put("message", p.message()));
                } else {
                    // as JS7 in outcomes: the problem's message alone
                    reason.put("TYPE", "Other");
                    reason.putObject("problem").put("message", ((Outcome.OtherProblem) d.reason()).problem().message());
                }
                if (d.uncatchable()) {
                    o.put("uncatchable", true);
                }
            }
        }
        return o;
    }

    private static void putNamedValues(ObjectNode o, Map<String, Value> namedValues) {
        if (!namedValues.isEmpty()) {
            o.set("namedValues", ValueJson.namedValuesToJson(namedValues));
        }
    }

    static Outcome decode(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "Succeeded":
                return new Outcome.Succeeded(namedValues(c));
            case "Failed":
                return failed(c);
            case "TimedOut":
                return new Outcome.TimedOut(completed(c.required("outcome")));
            case "Killed":
                return new Outcome.Killed(completed(c.required("outcome")));
            case "Caught":
                return Outcome.caught();
            case "Disrupted": {
                JsonCursor r = c.required("reason");
                String reasonType = r.type();
                Outcome.DisruptedReason reason;
                if (reasonType.equals("ProcessLost")) {
                    reason = new Outcome.ProcessLost(r.optional("problem").map(ProblemJson::decode));
                } else if (reasonType.equals("Other")) {
                    reason = new Outcome.OtherProblem(ProblemJson.decode(r.required("problem")));
                } else {
                    throw r.child("TYPE").fail("unknown Disrupted reason TYPE '" + reasonType + "'");
                }
                return new Outcome.Disrupted(reason, c.optionalBool("uncatchable"));
            }
            default:
                throw c.child("TYPE").fail("unknown outcome TYPE '" + type + "'");
        }
    }

    /** A Succeeded or Failed outcome, as Finish and TimedOut/Killed carry. */
    static Outcome.Completed completed(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "Succeeded":
                return new Outcome.Succeeded(namedValues(c));
            case "Failed":
                return failed(c);
            default:
                throw c.child("TYPE").fail("expected outcome TYPE 'Succeeded' or 'Failed', found '" + type + "'");
        }
    }

    private static Outcome.Failed failed(JsonCursor c) {
        Optional<String> message = c.optionalString("message");
        return new Outcome.Failed(message, namedValues(c), c.optionalBool("uncatchable"));
    }

    private static Map<String, Value> namedValues(JsonCursor c) {
        return c.optional("namedValues").map(ValueJson::namedValues).orElse(Map.of());
    }

}
