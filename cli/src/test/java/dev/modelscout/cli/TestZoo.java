package dev.modelscout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The zoo most command tests run on, made through {@code zoo add}: the committed tiny TorchScript CNN as
 * {@code tiny} and a seeded DJL ResNet-18 as {@code r18}, both at 32 px. Skips the test when the tiny model is
 * absent.
 */
final class TestZoo {

    private TestZoo() {
    }

    /**
     * Writes {@code dir/zoo.csv} with both backbones; {@code tiny} and {@code r18} are more {@code zoo add}
     * options of each ({@code --arch cnn}, ...).
     */
    static Path tinyAndResnet(Path dir, List<String> tiny, List<String> r18) throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(ExtractIT.TINY), "needs " + ExtractIT.TINY);
        Path model = Files.copy(ExtractIT.TINY, dir.resolve("tinycnn.pt"));
        Path zoo = dir.resolve("zoo.csv");
        add(zoo, "tiny", model.toString(), tiny);
        add(zoo, "r18", "builtin:resnet18?seed=1", r18);
        return zoo;
    }

    private static void add(Path zoo, String id, String weights, List<String> options) {
        List<String> args = new ArrayList<>(List.of("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", id,
                "--weights", weights, "--crop", "32"));
        args.addAll(options);
        CliTest.run(args.toArray(String[]::new)).expectExit(0);
    }
}
