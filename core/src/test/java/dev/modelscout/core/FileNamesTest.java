package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void safeNamesAreKeptAsTheyAre() {
        for (String n : List.of("cifar10", "oxford_pets", "ds-1.2", "ResNet+50")) {
            assertEquals(n, FileNames.folderFor(n));
        }
    }

    @Test
    void noNameLeavesTheFolderItIsResolvedIn() {
        Path root = Path.of("/cache/features");
        Set<String> seen = new HashSet<>();
        for (String n : List.of("..", ".", "", "../x", "a/../../b", "/etc", ".hidden", "a\nb", "x".repeat(300), "~", "a b",
                "\u202Eevil", "..\\..", "C:\\x")) {
            String f = FileNames.folderFor(n);
            Path p = root.resolve(f).normalize();
            assertEquals(root, p.getParent(), n + " -> " + f);
            assertNotEquals("..", f);
            assertTrue(f.length() <= 100 && !f.startsWith(".") && f.chars().allMatch(c -> c > 32 && c < 127), f);
            assertTrue(seen.add(f), "distinct: " + f);
        }
    }
}
