package io.jobwerk.subagent.process;

/**
 * Receives a process's output in chunks (at most the configured chunk size, never splitting a
 * UTF-8 character), from the single output tailer thread, in order per stream.
 */
public interface OutputSink {

    void stdout(String chunk);

    void stderr(String chunk);

    OutputSink NONE = new OutputSink() {
        @Override public void stdout(String chunk) { }
        @Override public void stderr(String chunk) { }
    };
}
