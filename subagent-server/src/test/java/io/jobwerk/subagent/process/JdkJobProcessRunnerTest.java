package io.jobwerk.subagent.process;

/** The runner with the JDK's {@code ProcessBuilder}, the fall-back (and {@code -Djobwerk.processLauncher=jdk}). */
class JdkJobProcessRunnerTest extends JobProcessRunnerTest {

    @Override
    ProcessLauncher newLauncher() {
        return new JdkProcessLauncher();
    }
}
