/**
 * The event journal of a Controller or Agent Director node: the interface
 * {@link io.jobwerk.journal.Journal}, kept in files by {@link io.jobwerk.journal.FileJournal} (its
 * parts: {@code JournalRecovery}, {@code GroupCommitWriter}, {@code Segments}, {@code Checkpointer},
 * {@code Acknowledgements}, {@code RecentEvents}, {@code EventWaiters}) and in memory, for tests, by
 * {@link io.jobwerk.journal.MemoryJournal}. A persist is a {@link io.jobwerk.journal.PersistRequest}.
 *
 * <h2>Design, and why</h2>
 * <ul>
 *   <li><b>Events go to an append-only log, not to MapDB.</b> Measured on the target machine, a
 *   MapDB 3.1 transaction commit costs about 1 ms (~900 commits/s), while an fsync'd append with
 *   group commit reaches 70-120k records/s. Committing MapDB per event would cap the scheduler near
 *   1,000 events/s, so MapDB holds only checkpoints and the log holds the events since.</li>
 *   <li><b>Group commit.</b> One writer thread ({@code GroupCommitWriter}) drains the queue of persist calls, stamps, checks
 *   (applies) and encodes all of them, writes them in one {@code write} and calls
 *   {@code FileChannel.force} once; all callers of the batch complete together. Applying on the
 *   writer thread is what makes "events that do not apply are rejected, nothing written" exact: a
 *   batch is checked against the state including its earlier calls.</li>
 *   <li><b>Framing</b>: {@code int length, int crc32c, long eventId, byte flags, payload}. The CRC
 *   makes a torn or garbage tail detectable, the flag marks records continuing a transaction so a
 *   multi-event persist is recovered whole or not at all, and the eventId lets readers skip records
 *   without decoding them. Payloads are opaque ({@link io.jobwerk.journal.JournalCodec}), JSON for
 *   the engine, so {@link io.jobwerk.journal.JournalDump} prints NDJSON without knowing the events.</li>
 *   <li><b>Segments</b> {@code journal--<afterEventId>.journal}, each starting with magic and a JSON
 *   header (format version, journal id, node id), rotate by size and after each checkpoint, so that
 *   {@link io.jobwerk.journal.Journal#release} can delete whole files once they are both released
 *   by every reader and covered by a checkpoint.</li>
 *   <li><b>Checkpoints</b> are written on their own thread from the immutable state value, as a
 *   complete new MapDB file that is synced and atomically renamed over the old one. MapDB's own
 *   write-ahead log is therefore not needed, and the B-tree is bulk-loaded from sorted keys (7x
 *   faster than {@code put}). A checkpoint never blocks a persist.</li>
 *   <li><b>Recovery</b> loads the checkpoint and replays the later records through the same
 *   {@link io.jobwerk.journal.StateFolder#apply} as live operation. Only the newest segment may end
 *   torn (that is where a crash leaves it); it is truncated at the last whole transaction. Damage
 *   anywhere else, another node's or a newer version's files, or a missing checkpoint that cannot
 *   be rebuilt are problems naming the file, never a silent misread.</li>
 *   <li><b>Replication</b>: the standby reads the active journal like any reader, appends the same
 *   stamped events with {@link io.jobwerk.journal.Journal#appendReplicated} and acknowledges; in
 *   acknowledgement mode the active node completes a persist only after the acknowledgement.</li>
 *   <li><b>Seams</b>: event ids come from the {@link java.time.Clock} given to
 *   {@link io.jobwerk.journal.Journal#open} (via {@code EventIds}), threads and the writer's look-in
 *   timer from a {@code Scheduler}; the codec and the folder are interfaces, so the module is tested
 *   with a small counter state, and {@code MemoryJournal} lets what runs on a journal be tested
 *   without files, in virtual time.</li>
 * </ul>
 */
package io.jobwerk.journal;
