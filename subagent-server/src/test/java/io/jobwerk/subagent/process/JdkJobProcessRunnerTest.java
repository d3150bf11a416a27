package io.jobwerk.subagent.process;

/** The runner with the JDK's {@code ProcessBuilder}, the fall-back (and {@code -Djobwerk.processLauncher=jdk}). */
class JdkJobProcessRunnerTest extends JobProcessRunnerTest {

    @Override
    ProcessLauncher newLauncher() {
        return new JdkProcessLauncher();
    }

    /** A ProcessBuilder child keeps the mask of the Java thread that started it, where HotSpot blocks SIGQUIT. */
    @Override
    protected String expectedSignalMaskOfJobs() {
        return "0000000000000004";
    }
}
