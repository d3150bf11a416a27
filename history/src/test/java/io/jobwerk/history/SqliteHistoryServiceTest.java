package io.jobwerk.history;

/** The history service on SQLite (the default: a file in the data directory). */
class SqliteHistoryServiceTest extends HistoryServiceContract {
    @Override
    HistoryConf historyConf() {
        return HistoryConf.sqlite(dir);
    }
}
