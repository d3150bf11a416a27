package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The path of a job resource. */
public record JobResourcePath(String string) implements Comparable<JobResourcePath> {

    public JobResourcePath {
        Names.requirePath("JobResourcePath", string);
    }

    public static Checked<JobResourcePath> checked(String string) {
        return Names.checked(() -> new JobResourcePath(string));
    }

    @Override
    public int compareTo(JobResourcePath o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
