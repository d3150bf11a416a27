package io.jobwerk.cockpit.agents;

import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.cockpit.live.LiveModel;
import javafx.collections.ObservableList;

/** The Agents screen: each Agent followed by its Subagents, with coupling, since when, why not, and running jobs. */
public final class AgentsViewModel {

    private final LiveModel live;

    public AgentsViewModel(LiveModel live) {
        this.live = live;
    }

    public ObservableList<AgentRow> rows() {
        return live.agents();
    }

    public java.time.ZoneId zone() {
        return live.zone();
    }
}
