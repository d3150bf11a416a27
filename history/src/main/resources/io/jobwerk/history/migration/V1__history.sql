-- The history of a Controller's orders, tasks and job output (one script for SQLite and PostgreSQL).
-- Times are epoch milliseconds (UTC). An order's key is the id of the event that added it (OrderAdded,
-- OrderOrderAdded, or the parent's OrderForked for a child) with its order id: ids repeat after deletion.

CREATE TABLE history_position (
    id            INT PRIMARY KEY,
    journal_id    VARCHAR(200) NOT NULL,
    last_event_id BIGINT NOT NULL
);

CREATE TABLE order_history (
    added_event_id  BIGINT NOT NULL,
    order_id        VARCHAR(2000) NOT NULL,
    main_event_id   BIGINT NOT NULL,
    main_order_id   VARCHAR(2000) NOT NULL,
    parent_order_id VARCHAR(2000),
    workflow_path   VARCHAR(500) NOT NULL,
    version_id      VARCHAR(500) NOT NULL,
    state           VARCHAR(50) NOT NULL,
    position        VARCHAR(500) NOT NULL,
    added_at        BIGINT NOT NULL,
    scheduled_for   BIGINT,
    started_at      BIGINT NOT NULL,
    ended_at        BIGINT,
    PRIMARY KEY (added_event_id, order_id)
);
CREATE INDEX order_history_main_started ON order_history (started_at) ;
CREATE INDEX order_history_workflow ON order_history (workflow_path, started_at);
CREATE INDEX order_history_state ON order_history (state, started_at);
CREATE INDEX order_history_order_id ON order_history (order_id);
CREATE INDEX order_history_main ON order_history (main_event_id, main_order_id);
CREATE INDEX order_history_ended ON order_history (ended_at);

CREATE TABLE task_history (
    id             BIGINT PRIMARY KEY,
    order_event_id BIGINT NOT NULL,
    order_id       VARCHAR(2000) NOT NULL,
    main_event_id  BIGINT NOT NULL,
    main_order_id  VARCHAR(2000) NOT NULL,
    workflow_path  VARCHAR(500) NOT NULL,
    version_id     VARCHAR(500) NOT NULL,
    position       VARCHAR(500) NOT NULL,
    job_name       VARCHAR(500),
    agent_path     VARCHAR(500),
    subagent_id    VARCHAR(500) NOT NULL,
    started_at     BIGINT NOT NULL,
    ended_at       BIGINT,
    return_code    INT,
    outcome        VARCHAR(50),
    message        VARCHAR(4000)
);
CREATE INDEX task_history_started ON task_history (started_at);
CREATE INDEX task_history_order ON task_history (order_id, started_at);
CREATE INDEX task_history_main ON task_history (main_order_id, main_event_id);
CREATE INDEX task_history_workflow ON task_history (workflow_path, started_at);
CREATE INDEX task_history_job ON task_history (job_name, started_at);
CREATE INDEX task_history_agent ON task_history (agent_path, started_at);

CREATE TABLE log_chunk (
    event_id      BIGINT PRIMARY KEY,
    main_event_id BIGINT NOT NULL,
    main_order_id VARCHAR(2000) NOT NULL,
    task_id       BIGINT,
    stream        CHAR(1) NOT NULL,
    chunk         TEXT NOT NULL
);
CREATE INDEX log_chunk_main ON log_chunk (main_event_id, main_order_id, task_id, event_id);

-- What the history needs to go on after a restart: each order it still follows, as the engine's JSON.
CREATE TABLE live_order (
    order_id        VARCHAR(2000) PRIMARY KEY,
    added_event_id  BIGINT NOT NULL,
    main_event_id   BIGINT NOT NULL,
    main_order_id   VARCHAR(2000) NOT NULL,
    task_id         BIGINT,
    order_json      TEXT NOT NULL
);

-- The workflow versions seen, for the job names of steps.
CREATE TABLE workflow (
    workflow_path VARCHAR(500) NOT NULL,
    version_id    VARCHAR(500) NOT NULL,
    workflow_json TEXT NOT NULL,
    PRIMARY KEY (workflow_path, version_id)
);
