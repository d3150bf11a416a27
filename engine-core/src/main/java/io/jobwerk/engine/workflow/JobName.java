package io.jobwerk.engine.workflow;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The name of a job in a workflow's {@code jobs} map. */
public record JobName(String string) implements Comparable<JobName> {

    public JobName {
        Names.requireName("JobName", string);
    }

    public static Checked<JobName> checked(String string) {
        return Names.checked(() -> new JobName(string));
    }

    @Override
    public int compareTo(JobName o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
