package io.jobwerk.cockpit.inventory;

import java.util.List;

/** What a new item of each type starts with: the smallest valid item, so the operator edits rather than types. */
public final class ItemTemplates {
    private ItemTemplates() {}

    /** The types an operator creates in the inventory, with the label the Cockpit shows. */
    public static final List<String> TYPES = List.of("Workflow", "JobResource", "Lock", "GlobalBoard", "FileWatch", "Calendar", "Schedule");

    public static String label(String type) {
        return switch (type) {
            case "Workflow" -> "Workflow";
            case "JobResource" -> "Job resource";
            case "Lock" -> "Lock";
            case "GlobalBoard" -> "Notice board";
            case "FileWatch" -> "File watch";
            case "Calendar", "WorkingDaysCalendar", "NonWorkingDaysCalendar" -> "Calendar";
            case "Schedule" -> "Schedule";
            case "AgentRef" -> "Agent";
            case "SubagentItem" -> "Subagent";
            case "SubagentBundle" -> "Subagent bundle";
            default -> type;
        };
    }

    static String of(String type) {
        return switch (type) {
            case "Workflow" -> """
                    {
                      "instructions" : [ {
                        "TYPE" : "Execute.Named",
                        "jobName" : "job"
                      } ],
                      "jobs" : {
                        "job" : {
                          "agentPath" : "agent",
                          "executable" : {
                            "TYPE" : "ShellScriptExecutable",
                            "script" : "#!/bin/sh\\necho hello\\n"
                          }
                        }
                      }
                    }
                    """;
            case "JobResource" -> """
                    {
                      "variables" : { },
                      "env" : { }
                    }
                    """;
            case "Lock" -> """
                    {
                      "limit" : 1
                    }
                    """;
            case "GlobalBoard" -> """
                    {
                      "postOrderToNoticeKey" : "replaceAll($js7OrderId, '^#([0-9]{4}-[0-9]{2}-[0-9]{2})#.*$', '$1')",
                      "expectOrderToNoticeKey" : "replaceAll($js7OrderId, '^#([0-9]{4}-[0-9]{2}-[0-9]{2})#.*$', '$1')",
                      "endOfLife" : "$js7EpochMilli + 24 * 3600 * 1000"
                    }
                    """;
            case "FileWatch" -> """
                    {
                      "workflowPath" : "WORKFLOW",
                      "agentPath" : "agent",
                      "directoryExpr" : "'/var/spool/incoming'",
                      "pattern" : ".*\\\\.csv",
                      "delay" : 2
                    }
                    """;
            case "Calendar" -> """
                    {
                      "type" : "WORKINGDAYSCALENDAR",
                      "includes" : {
                        "weekdays" : [ {
                          "days" : [ 1, 2, 3, 4, 5 ]
                        } ]
                      }
                    }
                    """;
            case "Schedule" -> """
                    {
                      "workflowNames" : [ "WORKFLOW" ],
                      "calendars" : [ {
                        "calendarName" : "CALENDAR",
                        "timeZone" : "UTC",
                        "periods" : [ {
                          "singleStart" : "06:00:00"
                        } ]
                      } ],
                      "planOrderAutomatically" : true,
                      "submitOrderToControllerWhenPlanned" : true
                    }
                    """;
            default -> "{ }\n";
        };
    }
}
