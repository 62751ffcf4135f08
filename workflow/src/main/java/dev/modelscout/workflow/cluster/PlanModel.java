package dev.modelscout.workflow.cluster;

/**
 * A backbone of a plan.
 *
 * @param id          its id in the zoo
 * @param fingerprint SHA-256 of its catalog entry (everything but where the weights lie) and of the weights'
 *                    identity (the file's SHA-256, or the builtin's name and DJL version, or the URL)
 */
public record PlanModel(String id, String fingerprint) {
}
