package io.jobwerk.cli;

import io.jobwerk.scheduler.RealScheduler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Runs a started server until SIGTERM, SIGINT (Ctrl-C) or its {@code ShutDown} command, then closes it
 * once on the calling thread; the command returns 0 and {@link JobwerkMain} exits with it.
 *
 * <p>The JVM's default SIGTERM handling runs the shutdown hooks and exits with 143 (128 + 15), which
 * service managers read as a failure; handling the signal ourselves makes an orderly stop exit with 0.
 * A shutdown hook still closes the server when the JVM ends for another reason (e.g. SIGHUP).
 */
final class ServerRun {

    private ServerRun() {
    }

    /**
     * Prints {@code readyLine} (once a signal would be handled: a SIGTERM right after it must not kill
     * the JVM with 143), blocks until a stop is asked for, then closes {@code server}.
     * {@code onShutDownCommand} receives the action the server's {@code ShutDown} command is to run.
     */
    static int untilStopped(AutoCloseable server, Consumer<Runnable> onShutDownCommand, String readyLine) throws Exception {
        CountDownLatch stopRequested = new CountDownLatch(1);
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
        onShutDownCommand.accept(stopRequested::countDown);
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
        Runtime.getRuntime().addShutdownHook(RealScheduler.instance().newThread("jobwerk-shutdown", closeOnce));
        System.out.println(readyLine);
        System.out.flush();
        stopRequested.await();
        closeOnce.run();
        return 0;
    }

    static int untilStopped(AutoCloseable server, String readyLine) throws Exception {
        return untilStopped(server, shutDown -> { }, readyLine);
    }
}
