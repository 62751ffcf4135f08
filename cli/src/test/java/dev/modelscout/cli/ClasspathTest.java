package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jars the command runs with (the test class path resolves them as the app folder's lib/ does): one JNA, with
 * its platform library of the same version (ND4J's oshi-core asked for jna-platform 4.3.0 beside DJL's jna 5.x).
 */
class ClasspathTest {

    private static List<String> versions(String artifact) {
        Pattern jar = Pattern.compile(Pattern.quote(artifact) + "-([0-9][^/]*)\\.jar");
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> jar.matcher(new File(p).getName()))
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();
    }

    @Test
    void jnaAndItsPlatformLibraryAreOneVersion() {
        List<String> jna = versions("jna");
        List<String> platform = versions("jna-platform");
        assertEquals(1, jna.size(), "jna jars: " + jna);
        assertTrue(platform.size() <= 1, "jna-platform jars: " + platform);
        if (!platform.isEmpty()) {
            assertEquals(jna.get(0), platform.get(0), "jna-platform beside jna");
        }
    }
}
