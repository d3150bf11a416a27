package io.jobwerk.subagent.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link ProcessLauncher} with the JDK's {@link ProcessBuilder}: portable, one waiting thread per process. */
final class JdkProcessLauncher implements ProcessLauncher {

    @Override
    public Launched launch(List<String> command, Map<String, String> environment, Path directory, Path stdout, Path stderr)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.directory(directory.toFile());
        pb.environment().putAll(environment);
        Process process = pb.start();
        return new JdkLaunched(process, process.onExit().thenApply(Process::exitValue));
    }

    private record JdkLaunched(Process process, CompletableFuture<Integer> exitCode) implements Launched {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public Optional<ProcessHandle> handle() {
            return Optional.of(process.toHandle());
        }
    }

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public void close() {
    }
}
