package dev.modelscout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A small synthetic history for command tests: datasets ds0..ds4 x models model0..model8 (families vit, resnet,
 * convnext in turn), every pair present; accuracy rises with the dataset, the family and the model index.
 */
final class SyntheticHistory {

    private SyntheticHistory() {
    }

    /** Writes it as {@code dir/history.csv}. */
    static Path write(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("dataset,dataset_size,num_classes,model,arch_family,params_m,accuracy\n");
        String[] fam = {"vit", "resnet", "convnext"};
        for (int d = 0; d < 5; d++) {
            for (int m = 0; m < 9; m++) {
                double acc = 0.5 + 0.05 * d + 0.03 * (m % 3) + 0.01 * m;
                sb.append("ds").append(d).append(',').append(1000 * (d + 1)).append(',').append(10 + d).append(",model")
                        .append(m).append(',').append(fam[m % 3]).append(',').append(5 + m).append(',')
                        .append(String.format(Locale.ROOT, "%.4f", acc)).append('\n');
            }
        }
        Path p = dir.resolve("history.csv");
        Files.writeString(p, sb.toString());
        return p;
    }
}
