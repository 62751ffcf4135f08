package dev.modelscout.workflow.cluster;

/**
 * A dataset of a plan.
 *
 * @param id          its id in the cells and the history rows (default: the folder's name, lower case)
 * @param path        the image folder or CSV manifest as stored: relative to the plan folder, or absolute as given
 * @param fingerprint {@code ImageDataset.fingerprint()} at planning time (paths, classes, sizes, modification times)
 * @param images      number of images
 * @param classes     number of classes
 */
public record PlanDataset(String id, String path, String fingerprint, int images, int classes) {
}
