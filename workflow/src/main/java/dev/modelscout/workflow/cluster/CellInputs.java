package dev.modelscout.workflow.cluster;

import java.nio.file.Path;

/**
 * Where a cell's inputs are, resolved against the plan folder.
 *
 * @param zoo       the zoo catalog
 * @param images    the dataset (image folder or CSV manifest)
 * @param dataset   the plan's record of the dataset (its id, size and classes as planned)
 * @param cacheDir  the dataset's feature cache, one sub-folder per model
 * @param source    what the cell's history row names as its source ({@code jobs:PLAN/CELL})
 */
public record CellInputs(Path zoo, Path images, PlanDataset dataset, Path cacheDir, String source) {
}
