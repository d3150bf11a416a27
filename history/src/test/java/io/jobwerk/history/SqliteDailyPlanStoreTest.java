package io.jobwerk.history;

/** The daily plan's rows on SQLite. */
class SqliteDailyPlanStoreTest extends DailyPlanStoreContract {
    @Override
    HistoryConf historyConf() {
        return HistoryConf.sqlite(dir);
    }
}
