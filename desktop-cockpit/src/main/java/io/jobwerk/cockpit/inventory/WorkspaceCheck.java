package io.jobwerk.cockpit.inventory;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemFileJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.VersionId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the items of a workspace with the engine's own code: each file is decoded as
 * {@code jobwerk deploy} decodes it (JSON syntax, required fields, expressions, positions), names must
 * be unique per type, and the valid items are run through the Controller's deployment decision
 * ({@link ItemOperationExecutor}) on a Controller's state, so references (Agents, locks, boards, job
 * resources, calendars, workflows) are checked as that Controller would check them, against what it
 * holds and what the workspace brings along. The decision names the first broken item only; that item
 * is set aside and the decision taken again, until the rest pass. Pure.
 */
public final class WorkspaceCheck {
    private WorkspaceCheck() {}

    /** The version id the check deploys under; never sent anywhere. */
    static final VersionId CHECK_VERSION = new VersionId("inventory-check");

    private static final Pattern OPERATION = Pattern.compile("^Item operation (\\d+) ");
    private static final Pattern SUBJECT = Pattern.compile("^(Workflow|Schedule|FileWatch|Subagent|Agent|SubagentBundle) '([^'~]+)");

    /** One file's result: the decoded item when it decodes, and its problems (none: valid). */
    public record FileCheck(String file, Optional<ItemFileJson.Decoded> decoded, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty() && decoded.isPresent();
        }
    }

    /** The files' results, and problems no single file of the workspace can be blamed for. */
    public record Result(Map<String, FileCheck> files, List<String> general) {
        public FileCheck of(String file) {
            return files.get(file);
        }
    }

    /**
     * @param texts file (relative path) → its text
     * @param controller the state references are checked on; empty: references are not checked (no Controller to ask)
     */
    public static Result check(Map<String, String> texts, Optional<EngineState> controller) {
        return check(texts, controller, new Decodings());
    }

    /**
     * Each file's decoding, kept with the text it was decoded from: a check after an edit decodes only
     * the files whose text changed (decoding was most of a check). Safe to share between threads.
     */
    public static final class Decodings {
        private record Decoding(String text, Checked<ItemFileJson.Decoded> decoded) {}

        private final Map<String, Decoding> byFile = new java.util.concurrent.ConcurrentHashMap<>();

        Checked<ItemFileJson.Decoded> decode(String file, String text) {
            Decoding known = byFile.get(file);
            if (known != null && known.text().equals(text)) {
                return known.decoded();
            }
            Checked<ItemFileJson.Decoded> d = ItemFileJson.decode(Path.of(file).getFileName().toString(), text, CHECK_VERSION);
            byFile.put(file, new Decoding(text, d));
            return d;
        }

        /** Forgets files no longer there (renamed, deleted). */
        void retain(java.util.Set<String> files) {
            byFile.keySet().retainAll(files);
        }
    }

    /** As {@link #check(Map, Optional)}, decoding only what {@code decodings} does not already hold for the same text. */
    public static Result check(Map<String, String> texts, Optional<EngineState> controller, Decodings decodings) {
        Map<String, Optional<ItemFileJson.Decoded>> decoded = new TreeMap<>();
        Map<String, List<String>> problems = new TreeMap<>();
        decodings.retain(texts.keySet());
        for (Map.Entry<String, String> e : new TreeMap<>(texts).entrySet()) {
            Checked<ItemFileJson.Decoded> d = decodings.decode(e.getKey(), e.getValue());
            decoded.put(e.getKey(), d.isOk() ? Optional.of(d.orThrow()) : Optional.empty());
            problems.put(e.getKey(), new ArrayList<>(d.problemOption().map(p -> List.of(p.message())).orElse(List.of())));
        }
        Map<String, String> firstFileOfName = new HashMap<>();
        decoded.forEach((file, d) -> d.ifPresent(item -> {
            String earlier = firstFileOfName.putIfAbsent(item.typedName(), file);
            if (earlier != null) {
                problems.get(file).add(ItemTemplates.label(item.type()) + " '" + item.name() + "' is also defined in " + earlier);
                problems.get(earlier).add(ItemTemplates.label(item.type()) + " '" + item.name() + "' is also defined in " + file);
            }
        }));
        List<String> general = new ArrayList<>();
        controller.ifPresent(state -> checkReferences(decoded, problems, state, general));
        Map<String, FileCheck> files = new LinkedHashMap<>();
        decoded.forEach((file, d) -> files.put(file, new FileCheck(file, d, List.copyOf(problems.get(file)))));
        return new Result(files, List.copyOf(general));
    }

    private static void checkReferences(Map<String, Optional<ItemFileJson.Decoded>> decoded, Map<String, List<String>> problems,
                                        EngineState controller, List<String> general) {
        List<String> candidates = new ArrayList<>();
        decoded.forEach((file, d) -> {
            if (d.isPresent() && problems.get(file).isEmpty()) {
                candidates.add(file);
            }
        });
        while (!candidates.isEmpty()) {
            List<ItemOperation> operations = new ArrayList<>();
            operations.add(new ItemOperation.AddVersion(CHECK_VERSION));
            candidates.forEach(f -> operations.add(new ItemOperation.AddOrChangeSimple(decoded.get(f).orElseThrow().deployable())));
            Checked<?> decision = ItemOperationExecutor.execute(controller, operations,
                    signed -> Checked.fail(Problem.of("Unexpected", "nothing signed here")));
            if (decision.isOk()) {
                return;
            }
            String message = decision.problemOption().orElseThrow().message();
            Optional<String> culprit = culprit(message, candidates, decoded);
            if (culprit.isEmpty()) {
                general.add(message);
                return;
            }
            problems.get(culprit.get()).add(readable(message));
            candidates.remove(culprit.get());
        }
    }

    private static Optional<String> culprit(String message, List<String> candidates, Map<String, Optional<ItemFileJson.Decoded>> decoded) {
        Matcher op = OPERATION.matcher(message);
        if (op.find()) {
            int index = Integer.parseInt(op.group(1)) - 2; // operation 1 is the AddVersion
            return index >= 0 && index < candidates.size() ? Optional.of(candidates.get(index)) : Optional.empty();
        }
        Matcher subject = SUBJECT.matcher(message);
        if (subject.find()) {
            String type = switch (subject.group(1)) {
                case "Subagent" -> "SubagentItem";
                case "Agent" -> "AgentRef";
                default -> subject.group(1);
            };
            String name = subject.group(2);
            return candidates.stream().filter(f -> decoded.get(f).map(d -> d.name().equals(name) && d.type().equals(type)).orElse(false))
                    .findFirst();
        }
        return Optional.empty();
    }

    /** The engine's message without the check's own version id, which means nothing to the operator. */
    private static String readable(String message) {
        return OPERATION.matcher(message.replace("~" + CHECK_VERSION.string(), "")).replaceFirst("").replaceFirst("^\\([A-Za-z]+\\): ", "");
    }
}
