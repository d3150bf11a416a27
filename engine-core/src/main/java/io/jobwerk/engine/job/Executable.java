package io.jobwerk.engine.job;

import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a job runs. JSON {@code TYPE}s as in JS7; aliases are accepted by the codec. */
public sealed interface Executable
        permits Executable.ShellScript, Executable.PathExecutable, Executable.CommandLine, Executable.Internal {

    enum Kind { SHELL_SCRIPT, PATH, COMMAND_LINE, INTERNAL }

    Kind kind();

    ReturnCodeMeaning returnCodeMeaning();

    /** Environment variables for the process: name → expression. */
    default Map<String, Expr> env() {
        return Map.of();
    }

    /** Windows login for the process (credential key), kept for JS7 compatibility. */
    record Login(String credentialKey, boolean withUserProfile) {
        public Login {
            Objects.requireNonNull(credentialKey, "credentialKey");
        }
    }

    /** {@code ShellScriptExecutable} (aliases {@code ScriptExecutable}, {@code ExecutableScript}): a script with optional shebang. */
    record ShellScript(String script, Map<String, Expr> env, Optional<Login> login, boolean v1Compatible,
                       ReturnCodeMeaning returnCodeMeaning) implements Executable {
        public ShellScript {
            Objects.requireNonNull(script, "script");
            env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));  // keeps JSON order
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(returnCodeMeaning, "returnCodeMeaning");
        }

        public static ShellScript of(String script) {
            return new ShellScript(script, Map.of(), Optional.empty(), false, ReturnCodeMeaning.DEFAULT);
        }

        @Override
        public Kind kind() {
            return Kind.SHELL_SCRIPT;
        }
    }

    /** {@code PathExecutable} (alias {@code ExecutablePath}): a program file; a relative path is resolved in the Agent's executables directory. */
    record PathExecutable(String path, Map<String, Expr> env, Optional<Login> login, boolean v1Compatible,
                          ReturnCodeMeaning returnCodeMeaning) implements Executable {
        public PathExecutable {
            Objects.requireNonNull(path, "path");
            if (path.isEmpty()) {
                throw new IllegalArgumentException("PathExecutable.path must not be empty");
            }
            env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));  // keeps JSON order
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(returnCodeMeaning, "returnCodeMeaning");
        }

        @Override
        public Kind kind() {
            return Kind.PATH;
        }
    }

    /** {@code CommandLineExecutable}: a command line whose words may contain expressions ({@code $NAME}). */
    record CommandLine(String command, Map<String, Expr> env, Optional<Login> login,
                       ReturnCodeMeaning returnCodeMeaning) implements Executable {
        public CommandLine {
            Objects.requireNonNull(command, "command");
            if (command.isBlank()) {
                throw new IllegalArgumentException("CommandLineExecutable.command must not be empty");
            }
            env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));  // keeps JSON order
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(returnCodeMeaning, "returnCodeMeaning");
        }

        @Override
        public Kind kind() {
            return Kind.COMMAND_LINE;
        }
    }

    /**
     * {@code InternalExecutable}: a Java class implementing the Subagent's internal job interface.
     * {@code jobArguments} are constants given to the job once; {@code arguments} are evaluated per step.
     */
    record Internal(String className, Map<String, Value> jobArguments, Map<String, Expr> arguments,
                    ReturnCodeMeaning returnCodeMeaning) implements Executable {
        public Internal {
            Objects.requireNonNull(className, "className");
            if (className.isBlank()) {
                throw new IllegalArgumentException("InternalExecutable.className must not be empty");
            }
            jobArguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(jobArguments));  // keeps JSON order
            arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));  // keeps JSON order
            Objects.requireNonNull(returnCodeMeaning, "returnCodeMeaning");
        }

        public static Internal of(String className) {
            return new Internal(className, Map.of(), Map.of(), ReturnCodeMeaning.DEFAULT);
        }

        @Override
        public Kind kind() {
            return Kind.INTERNAL;
        }
    }
}
