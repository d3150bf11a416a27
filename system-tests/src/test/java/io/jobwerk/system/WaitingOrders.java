package io.jobwerk.system;

import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;

/** Orders in a known waiting state, for tests of what the system does around them. */
final class WaitingOrders {
    private WaitingOrders() {}

    /**
     * Deploys workflow {@code pinned} (version "1"), whose job (process limit 100) must run on
     * Subagent {@code second} at port 1, where nothing listens: its orders wait attached to the Agent.
     */
    static void deployPinnedToAnUnreachableSubagent(InProcessSystem system) throws Exception {
        system.standalone().controller().deploy(ItemOperationJson.decodeNdjson("""
                {"TYPE":"AddOrChangeSimple","item":{"TYPE":"SubagentItem","id":"second","agentPath":"agent","uri":"http://127.0.0.1:1"}}
                """).orThrow()).orThrow();
        system.deployWorkflows("1", """
                {"TYPE":"Workflow","path":"pinned","versionId":"1","instructions":[{"TYPE":"Execute.Named","jobName":"j"}],
                 "jobs":{"j":{"agentPath":"agent","subagentBundleIdExpr":"'second'","processLimit":100,
                              "executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\nexit 0\\n"}}}}""");
    }

    /** {@link #deployPinnedToAnUnreachableSubagent}, then order {@code orderId}, returned once it is attached. */
    static void attachedWaitingForAnUnreachableSubagent(InProcessSystem system, String orderId, long timeoutMs) throws Exception {
        deployPinnedToAnUnreachableSubagent(system);
        system.addOrder(FreshOrder.of(orderId, "pinned"));
        system.awaitEvent(orderId, e -> e instanceof OrderEvent.OrderAttached, timeoutMs);
    }
}
