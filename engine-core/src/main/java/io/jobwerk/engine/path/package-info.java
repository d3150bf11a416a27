/**
 * The names of the simple items: the paths and ids (AgentPath, SubagentId, SubagentBundleId, LockPath,
 * BoardPath, JobResourcePath, CalendarPath, FileWatchPath, SchedulePath) by which workflows, jobs,
 * orders and notices name an item without knowing the item catalogue ({@code item}), which is built on
 * them. A workflow's own name is in {@code workflow} with it.
 */
package io.jobwerk.engine.path;
