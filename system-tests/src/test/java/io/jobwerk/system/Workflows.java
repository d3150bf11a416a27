package io.jobwerk.system;

/** Workflows the system tests deploy; {@code $AGENT} stands for the system's Agent path. */
final class Workflows {
    private Workflows() {}

    /** The workflow of the recorded JS7 trace, engine-core's fixture {@code js7/traces/simple-try-catch.workflow.json}. */
    static final String TRY_CATCH = """
            {"path":"trace/simple","instructions":[
              {"TYPE":"Execute.Named","jobName":"hello","label":"HELLO"},
              {"TYPE":"Try","try":{"instructions":[{"TYPE":"Execute.Named","jobName":"fails"}]},
                            "catch":{"instructions":[{"TYPE":"Execute.Named","jobName":"recover"}]}}],
             "jobs":{
              "hello":{"agentPath":"$AGENT","executable":{"TYPE":"ShellScriptExecutable",
                       "script":"#!/bin/sh\\necho hello\\necho \\"result=42\\" >> \\"$JS7_RETURN_VALUES\\"\\n"}},
              "fails":{"agentPath":"$AGENT","executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho oops >&2\\nexit 3\\n"}},
              "recover":{"agentPath":"$AGENT","executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho recovered\\n"}}}}
            """;

    /** A quick step, a sleeping step (seconds in the order's {@code $sleep}, default 3), a quick step. */
    static final String SLEEPER = """
            {"path":"test/sleeper","instructions":[
              {"TYPE":"Execute.Named","jobName":"first"},
              {"TYPE":"Execute.Named","jobName":"sleep"},
              {"TYPE":"Execute.Named","jobName":"last"}],
             "jobs":{
              "first":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho first\\n"}},
              "sleep":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable",
                       "script":"#!/bin/sh\\necho sleeping $$\\nsleep ${SLEEP_SECONDS:-3}\\necho slept\\n",
                       "env":{"SLEEP_SECONDS":"$sleep ? '3'"}}},
              "last":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho last\\n"}}}}
            """;

    /** Two short shell steps. */
    static final String SHORT = """
            {"path":"test/short","instructions":[
              {"TYPE":"Execute.Named","jobName":"a"},
              {"TYPE":"Execute.Named","jobName":"b"}],
             "jobs":{
              "a":{"agentPath":"$AGENT","parallelism":64,"executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\nexit 0\\n"}},
              "b":{"agentPath":"$AGENT","parallelism":64,"executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho b\\n"}}}}
            """;
}
