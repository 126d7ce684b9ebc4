package org.ifl.statsstream.topology;

/**
 * What the checkpoint stage reads, keyed by model: the sums of a changed cell, or an arm a published query
 * asks for. Both are re-keyed by model and merged, so a model's cells and its expected answers share a task.
 */
sealed interface ModelInput permits CellUpdate, QueriedArm {
}
