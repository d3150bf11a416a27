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
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private WorkflowGraphBuilder(Workflow workflow) {
        this.workflow = workflow;
    }

    public static WorkflowGraph of(Workflow workflow) {
        WorkflowGraphBuilder b = new WorkflowGraphBuilder(workflow);
        b.nodes.add(new Node("start", Optional.empty(), NodeKind.START, "Start", workflow.path().string(), "mdmz-play_arrow"));
        List<Exit> exits = b.block(workflow.instructions(), new Position(List.of(), 0), List.of(new Exit("start", Optional.empty())));
        Position end = new Position(List.of(), workflow.instructions().size());
        b.nodes.add(new Node(end.toString(), Optional.of(end), NodeKind.END, "End", "", "mdmz-stop_circle"));
        b.connect(exits, end.toString());
        return new WorkflowGraph(b.nodes, b.edges);
    }

    /** A way out of a part of the graph: the node it leaves from, with the branch label it enters next. */
    private record Exit(String node, Optional<String> label) {}

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
                    exits.add(new Exit(id, Optional.of(instruction.kind() == Instruction.Kind.CYCLE ? "done" : "else")));
                }
                yield exits;
            }
            case FORK, FORK_LIST -> {
                List<Exit> exits = branchExits(position, branches, id);
                String join = id + " join";
                nodes.add(new Node(join, Optional.empty(), NodeKind.JOIN, "Join", "", "mdoal-call_merge"));
                connect(exits, join);
                yield List.of(new Exit(join, Optional.empty()));
            }
            default -> branches.isEmpty() ? List.of(new Exit(id, Optional.empty())) : branchExits(position, branches, id);
        };
    }

    private List<Exit> branchExits(Position position, List<Instruction.Branch> branches, String from) {
        List<Exit> exits = new ArrayList<>();
        for (Instruction.Branch branch : branches) {
            Block block = branch.block();
            Optional<String> label = Optional.of(branch.id().string().replaceFirst("^fork\\+", ""));
            if (block.instructions().stream().allMatch(i -> i.kind() == Instruction.Kind.IMPLICIT_END)) {
                exits.add(new Exit(from, label));
            } else {
                exits.addAll(block(block.instructions(), position.enter(branch.id(), 0), List.of(new Exit(from, label))));
            }
        }
        return exits;
    }

    private void connect(List<Exit> exits, String to) {
        for (Exit exit : exits) {
            edges.add(new Edge(exit.node(), to, exit.label()));
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
        return where + agent.map(a -> " · " + a).orElse("");
    }

    static String kindName(Instruction.Kind kind) {
        return switch (kind) {
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS -> "Job";
            case FORK_LIST -> "ForkList";
            default -> Names.camelCase(kind.name());
        };
    }

    static String icon(Instruction.Kind kind) {
        return switch (kind) {
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS -> "mdoal-code";
            case IF -> "mdoal-call_split";
            case FORK, FORK_LIST -> "mdoal-call_split";
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
