/**
 * Replay: stored historical model outputs read into {@link org.ifl.schemas.avro.Completion} records with
 * {@code replayed = true}, so old runs are scored by the same stages as new ones. One {@link
 * org.ifl.producers.ReplayReader} per file format ({@link org.ifl.producers.ReplayFormats} lists
 * them); readers only read, the publisher sends. Every id a reader makes is derived from the file's content, so
 * replaying a file twice yields the same completion ids and pair keys and stats-stream counts nothing twice.
 * The formats are documented in {@code docs/replay.md}.
 */
package org.ifl.producers.internal.replay;

import org.ifl.producers.ReplayFormats;
import org.ifl.producers.ReplayReader;
