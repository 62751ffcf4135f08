package dev.modelscout.workflow.cluster;

/**
 * One unit of work of a plan: a (dataset, backbone) pair, what to compute for it and with which options.
 *
 * @param index   0-based position in the plan (cells are ordered dataset by dataset, then by model)
 * @param id      unique name, also the name of its result file: {@code 0007-pets-resnet18}
 * @param dataset the dataset's id in the plan (and in the history rows)
 * @param model   the backbone's id in the zoo
 * @param task    score or finetune
 * @param options the exact options
 */
public record Cell(int index, String id, String dataset, String model, TaskKind task, CellOptions options) {

    /** {@code 0007-pets-resnet18}: the index padded to {@code width} digits, then the ids made file-name safe. */
    public static String idOf(int index, int width, String dataset, String model) {
        return String.format(java.util.Locale.ROOT, "%0" + width + "d", index) + "-" + safe(dataset) + "-" + safe(model);
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._]", "_");
    }
}
