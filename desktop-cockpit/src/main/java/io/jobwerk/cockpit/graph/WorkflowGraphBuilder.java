package io.jobwerk.cockpit.graph;

import io.jobwerk.cockpit.graph.WorkflowGraph.Edge;
import io.jobwerk.cockpit.graph.WorkflowGraph.Node;
import io.jobwerk.cockpit.graph.WorkflowGraph.NodeKind;
import io.jobwerk.engine.base.Names;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a workflow's block-structured instructions into a {@link WorkflowGraph}: instructions of a
 * block follow one another; an instruction with blocks (If, Fork, Try, Lock, Cycle …) leads into
 * each block, and the blocks' ends lead to what follows it (through a join node for a fork). An If
 * without else and a Cycle also lead past their blocks; Finish, Fail, Stop and End lead nowhere.
 */
public final class WorkflowGraphBuilder {

    private final Workflow workflow;
    private final boolean forEditing;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private WorkflowGraphBuilder(Workflow workflow, boolean forEditing) {
        this.workflow = workflow;
        this.forEditing = forEditing;
    }

    public static WorkflowGraph of(Workflow workflow) {
        return build(workflow, false);
    }

    /**
     * The graph for the designer: besides what {@link #of} draws, a placeholder node in each empty
     * block (to drop into) and a join after every instruction with blocks, so that each place an
     * instruction can go is an edge (or a placeholder) of its own.
     */
    public static WorkflowGraph forEditing(Workflow workflow) {
        return build(workflow, true);
    }

    private static WorkflowGraph build(Workflow workflow, boolean forEditing) {
        WorkflowGraphBuilder b = new WorkflowGraphBuilder(workflow, forEditing);
        b.nodes.add(new Node("start", Optional.empty(), NodeKind.START, "Start", workflow.path().string(), "mdmz-play_arrow"));
        List<Exit> exits = b.block(workflow.instructions(), new Position(List.of(), 0),
                List.of(new Exit("start", Optional.empty(), Position.FIRST)));
        Position end = new Position(List.of(), workflow.instructions().size());
        b.nodes.add(new Node(end.toString(), Optional.of(end), NodeKind.END, "End", "", "mdmz-stop_circle"));
        b.connect(exits, end.toString());
        return new WorkflowGraph(b.nodes, b.edges);
    }

    /**
     * A way out of a part of the graph: the node it leaves from, with the branch label it enters next,
     * and where an instruction dropped on the edge from here is inserted.
     */
    private record Exit(String node, Optional<String> label, Position insertAt) {}

    private List<Exit> block(List<Instruction> instructions, Position first, List<Exit> entries) {
        List<Exit> current = entries;
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            if (instruction.kind() == Instruction.Kind.IMPLICIT_END) {
                continue;
            }
            current = instruction(instruction, first.withNr(first.nr() + i), current);
        }
        return current;
    }

    private List<Exit> instruction(Instruction instruction, Position position, List<Exit> entries) {
        String id = position.toString();
        boolean isJob = instruction.kind() == Instruction.Kind.EXECUTE_NAMED || instruction.kind() == Instruction.Kind.EXECUTE_ANONYMOUS;
        nodes.add(new Node(id, Optional.of(position), isJob ? NodeKind.JOB : NodeKind.INSTRUCTION,
                title(instruction, position), detail(instruction, position), icon(instruction.kind())));
        connect(entries, id);
        List<Instruction.Branch> branches = instruction.branches();
        return switch (instruction.kind()) {
            case FINISH, FAIL, STOP, END -> List.of();
            case IF, CYCLE -> {
                List<Exit> exits = new ArrayList<>(branchExits(position, branches, id));
                boolean hasElse = branches.stream().anyMatch(b -> b.id().string().equals("else"));
                if (instruction.kind() == Instruction.Kind.CYCLE || !hasElse) {
                    exits.add(new Exit(id, Optional.of(instruction.kind() == Instruction.Kind.CYCLE ? "done" : "else"), position.increment()));
                }
                yield forEditing ? join(id, "End " + kindName(instruction.kind()), exits, position) : exits;
            }
            case FORK, FORK_LIST -> {
                List<Exit> exits = branchExits(position, branches, id);
                String join = id + " join";
                nodes.add(new Node(join, Optional.empty(), NodeKind.JOIN, "Join", "", "mdoal-call_merge"));
                connect(exits, join);
                yield List.of(new Exit(join, Optional.empty(), position.increment()));
            }
            default -> branches.isEmpty() ? List.of(new Exit(id, Optional.empty(), position.increment()))
                    : forEditing ? join(id, "End " + kindName(instruction.kind()), branchExits(position, branches, id), position)
                    : branchExits(position, branches, id);
        };
    }

    private List<Exit> join(String id, String title, List<Exit> exits, Position position) {
        String join = id + " join";
        nodes.add(new Node(join, Optional.empty(), NodeKind.JOIN, title, "", "mdoal-call_merge"));
        connect(exits, join);
        return List.of(new Exit(join, Optional.empty(), position.increment()));
    }

    private List<Exit> branchExits(Position position, List<Instruction.Branch> branches, String from) {
        List<Exit> exits = new ArrayList<>();
        for (Instruction.Branch branch : branches) {
            Block block = branch.block();
            Optional<String> label = Optional.of(branch.id().string().replaceFirst("^fork\\+", "").replaceFirst("^(try|catch)\\+\\d+$", "$1"));
            Exit entry = new Exit(from, label, position.enter(branch.id(), 0));
            if (block.instructions().stream().allMatch(i -> i.kind() == Instruction.Kind.IMPLICIT_END)) {
                if (forEditing) {
                    Position inside = position.enter(branch.id(), 0);
                    nodes.add(new Node(inside.toString(), Optional.of(inside), NodeKind.PLACEHOLDER, "drop here", "", "mdoal-add"));
                    connect(List.of(entry), inside.toString());
                    exits.add(new Exit(inside.toString(), Optional.empty(), inside));
                } else {
                    exits.add(entry);
                }
            } else {
                exits.addAll(block(block.instructions(), position.enter(branch.id(), 0), List.of(entry)));
            }
        }
        return exits;
    }

    private void connect(List<Exit> exits, String to) {
        for (Exit exit : exits) {
            edges.add(new Edge(exit.node(), to, exit.label(), Optional.of(exit.insertAt())));
        }
    }

    private String title(Instruction instruction, Position position) {
        return instruction.label().map(Object::toString)
                .or(() -> workflow.jobName(position).map(Object::toString))
                .orElse(kindName(instruction.kind()));
    }

    private String detail(Instruction instruction, Position position) {
        String kind = kindName(instruction.kind());
        Optional<String> agent = workflow.job(position).toOptional().map(j -> j.agentPath().string());
        Optional<String> job = workflow.jobName(position).map(Object::toString);
        String where = job.filter(j -> instruction.label().isPresent()).map(j -> "job " + j).orElse(kind);
        if (agent.isEmpty()) {
            where = summary(instruction).map(s -> instruction.label().isPresent() ? kind + " · " + s : s).orElse(where);
        }
        return where + agent.map(a -> " · " + a).orElse("");
    }

    /** What an instruction does in a few words (its predicate, duration, locks …), for the detail line. */
    private static Optional<String> summary(Instruction instruction) {
        String s = switch (instruction.kind()) {
            case IF -> "if " + ((Instruction.If) instruction).ifThens().get(0).predicate().source();
            case SLEEP -> "sleep " + ((Instruction.Sleep) instruction).duration().source() + " s";
            case PROMPT -> "ask " + ((Instruction.Prompt) instruction).question().source();
            case LOCK -> "lock " + String.join(", ", ((Instruction.Lock) instruction).demands().stream()
                    .map(d -> d.lockPath().string()).toList());
            case FORK -> ((Instruction.Fork) instruction).forkBranches().size() + " branches";
            case FORK_LIST -> "for each of " + ((Instruction.ForkList) instruction).children().source();
            case TRY -> ((Instruction.Try) instruction).maxTries().map(n -> "try up to " + n + "×").orElse("try, catch");
            case FAIL -> ((Instruction.Fail) instruction).message().map(m -> "fail " + m.source()).orElse("fail");
            case POST_NOTICES -> "post " + String.join(", ", ((Instruction.PostNotices) instruction).boardPaths().stream()
                    .map(Object::toString).toList());
            case EXPECT_NOTICES -> "expect " + ((Instruction.ExpectNotices) instruction).boardPaths().source();
            case CONSUME_NOTICES -> "consume " + ((Instruction.ConsumeNotices) instruction).boardPaths().source();
            case ADD_ORDER -> "add order to " + ((Instruction.AddOrder) instruction).workflowPath();
            case STICKY_SUBAGENT -> "sticky on " + ((Instruction.StickySubagent) instruction).agentPath();
            default -> null;
        };
        return Optional.ofNullable(s).map(text -> text.length() > 34 ? text.substring(0, 33) + "…" : text);
    }

    static String kindName(Instruction.Kind kind) {
        return switch (kind) {
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS -> "Job";
            case FORK_LIST -> "ForkList";
            default -> Names.camelCase(kind.name());
        };
    }

    /** The Ikonli icon of an instruction kind, the same in the graph, the designer's palette and its nodes. */
    public static String icon(Instruction.Kind kind) {
        return switch (kind) {
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS -> "mdoal-code";
            case IF, FORK, FORK_LIST -> "mdoal-call_split";
            case TRY, RETRY -> "mdmz-replay";
            case LOCK -> "mdoal-lock";
            case PROMPT -> "mdoal-help_outline";
            case FINISH, END, IMPLICIT_END -> "mdoal-check";
            case FAIL -> "mdoal-error_outline";
            case STOP -> "mdmz-pan_tool";
            case POST_NOTICES, EXPECT_NOTICES, CONSUME_NOTICES -> "mdmz-notifications";
            case CYCLE, BREAK -> "mdoal-autorenew";
            case ADD_ORDER -> "mdoal-add_circle_outline";
            case STICKY_SUBAGENT -> "mdoal-dns";
            case OPTIONS -> "mdmz-settings";
            case SLEEP, ADMISSION_TIME -> "mdoal-access_time";
        };
    }
}
