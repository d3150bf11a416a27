package io.jobwerk.cli;

import io.jobwerk.journal.JournalDump;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobwerk journal dump DIR}: {@link JournalDump}, the events of a journal as NDJSON. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print the events of a journal directory (e.g. DATA/controller/journal) as NDJSON, oldest first; read-only.")
public final class JournalDumpCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Journal directory.")
    Path directory;

    @Option(names = "--after", paramLabel = "ID", description = "Only events after this event id.")
    Long after;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of(directory.toString()));
        if (after != null) {
            args.addAll(List.of("--after", after.toString()));
        }
        int exit = JournalDump.run(args.toArray(String[]::new), System.out, System.err);
        System.out.flush();
        return exit;
    }
}
