-- The daily plan: one row per planned start (its key names schedule, workflow, parameterisation and
-- instant, so planning again finds it). state: planned, submitted, or removed (deleted by an operator:
-- kept so that planning again does not re-create it). Times are epoch milliseconds (UTC).

CREATE TABLE daily_plan_order (
    plan_key        VARCHAR(3000) PRIMARY KEY,
    order_id        VARCHAR(2000) NOT NULL UNIQUE,
    plan_date       VARCHAR(10) NOT NULL,
    schedule_path   VARCHAR(500) NOT NULL,
    workflow_path   VARCHAR(500) NOT NULL,
    scheduled_for   BIGINT NOT NULL,
    fresh_order     TEXT NOT NULL,
    state           VARCHAR(20) NOT NULL,
    changed_at      BIGINT NOT NULL
);
CREATE INDEX daily_plan_order_date ON daily_plan_order (plan_date, scheduled_for);
