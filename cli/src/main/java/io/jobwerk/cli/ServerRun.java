package io.jobwerk.cli;

import io.jobwerk.scheduler.RealScheduler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Runs a started server until it is asked to stop, then stops it on the calling thread; the command
 * returns 0 and {@link JobwerkMain} exits with it. The service scripts ({@code bin/agent.sh} …) stop
 * a server with these signals:
 * <ul>
 * <li>SIGUSR1, a graceful stop ({@code stop}): no job starts any more, the running jobs go on; when
 *     the last has ended the server closes. A SIGTERM meanwhile (the script's timeout) terminates them.
 * <li>SIGTERM, Ctrl-C (SIGINT) and the {@code ShutDown} command: the running jobs get SIGTERM, then
 *     SIGKILL after their sigkill delay (at most {@link #TERMINATE_AT_MOST}, then the close kills
 *     what is left), and the server closes.
 * </ul>
 * The JVM's default SIGTERM handling runs the shutdown hooks and exits with 143 (128 + 15), which
 * service managers read as a failure; handling the signal ourselves makes an orderly stop exit with 0.
 * A shutdown hook still closes the server when the JVM ends for another reason (e.g. SIGHUP).
 * Each step prints a line on stdout, the last {@code NAME stopped}.
 */
final class ServerRun {

    /** How long terminated jobs may take to end before the server's close kills them. */
    static final Duration TERMINATE_AT_MOST = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private enum Request { DRAIN, TERMINATE }

    private ServerRun() {
    }

    /**
     * Prints {@code readyLine} (once a signal would be handled: a SIGTERM right after it must not kill
     * the JVM with 143), blocks until a stop is asked for, then stops {@code server} (named
     * {@code name} in the lines printed) as the class says. {@code onShutDownCommand} receives the
     * action the server's {@code ShutDown} command is to run.
     */
    static int untilStopped(String name, AutoCloseable server, RunningJobs jobs, Consumer<Runnable> onShutDownCommand,
                            String readyLine) throws Exception {
        BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeOnce = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    server.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        onShutDownCommand.accept(() -> requests.add(Request.TERMINATE));
        Signal.handle(new Signal("USR1"), signal -> requests.add(Request.DRAIN));
        Signal.handle(new Signal("TERM"), signal -> requests.add(Request.TERMINATE));
        Signal.handle(new Signal("INT"), signal -> requests.add(Request.TERMINATE));
        Runtime.getRuntime().addShutdownHook(RealScheduler.instance().newThread("jobwerk-shutdown", closeOnce));
        PrintStream out = System.out;
        out.println(readyLine);
        out.flush();
        Request request = requests.take();
        if (request == Request.DRAIN) {
            jobs.stopStarting();
            int running = jobs.count();
            out.println(name + " stopping: no job starts any more" + (running == 0 ? "" : "; waiting for " + running + " running job(s)"));
            out.flush();
            request = awaitNoJobs(jobs, requests);
        }
        if (request == Request.TERMINATE) {
            jobs.stopStarting();
            int running = jobs.processCount();
            if (running > 0) {
                out.println(name + " stopping: terminating " + running + " running job(s) (SIGTERM, then SIGKILL)");
                out.flush();
                jobs.terminate();
                awaitNoProcesses(jobs);
            }
        }
        closeOnce.run();
        out.println(name + " stopped");
        out.flush();
        return 0;
    }

    static int untilStopped(String name, AutoCloseable server, RunningJobs jobs, String readyLine) throws Exception {
        return untilStopped(name, server, jobs, shutDown -> { }, readyLine);
    }

    /** Waits until no job runs and its outcome is durable (then null), or until a request to terminate comes. */
    private static Request awaitNoJobs(RunningJobs jobs, BlockingQueue<Request> requests) throws InterruptedException {
        while (jobs.count() > 0) {
            if (requests.poll(POLL_MILLIS, TimeUnit.MILLISECONDS) == Request.TERMINATE) {
                return Request.TERMINATE;
            }
        }
        return null;
    }

    /** Waits until the terminated processes have ended, at most {@link #TERMINATE_AT_MOST}; the close kills what is left. */
    private static void awaitNoProcesses(RunningJobs jobs) throws InterruptedException {
        long deadline = System.nanoTime() + TERMINATE_AT_MOST.toNanos();
        while (jobs.processCount() > 0 && System.nanoTime() < deadline) {
            RealScheduler.instance().sleep(Duration.ofMillis(POLL_MILLIS));
        }
    }
}
