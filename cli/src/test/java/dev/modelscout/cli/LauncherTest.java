package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher (src/dist/bin/modelscout) passes the JVM options that the JVM it runs knows, read from the JVM's
 * version: --enable-native-access from Java 17 on (Java 22+ prints JNA's "restricted method" warnings without it),
 * --sun-misc-unsafe-memory-access from 23 on, neither to an older JVM (which would refuse to start). Run on a fake
 * JAVA_HOME whose java prints its arguments.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "src", "dist", "bin", "modelscout");

    @TempDir
    Path dir;

    /** The arguments the launcher gives a fake java of {@code release} (its release file) or {@code version}. */
    private List<String> argsFor(String release, String versionLine) throws IOException, InterruptedException {
        Path home = dir.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "if [ \"${1:-}\" = -version ]; then echo '" + versionLine + "' >&2; exit 0; fi\n"
                + "printf '%s\\n' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.deleteIfExists(home.resolve("release"));
        if (release != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + release + "\"\n");
        }
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "--version");
        pb.environment().put("JAVA_HOME", home.toString());
        pb.environment().remove("MODELSCOUT_JAVA_OPTS");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> args = out.lines().toList();
        assertTrue(args.contains("dev.modelscout.cli.Main") && args.get(args.size() - 1).equals("--version"), out);
        return args;
    }

    @Test
    void java25GetsNativeAccessAndUnsafeAccess() throws Exception {
        List<String> args = argsFor("25.0.3", null);
        assertTrue(args.contains("--enable-native-access=ALL-UNNAMED"), args.toString());
        assertTrue(args.contains("--sun-misc-unsafe-memory-access=allow"), args.toString());
    }

    @Test
    void java17And21GetNativeAccessOnly() throws Exception {
        for (String v : new String[] {"17.0.15", "21"}) {
            List<String> args = argsFor(v, null);
            assertTrue(args.contains("--enable-native-access=ALL-UNNAMED"), v + ": " + args);
            assertFalse(args.contains("--sun-misc-unsafe-memory-access=allow"), v + ": " + args);
        }
    }

    @Test
    void olderJvmsGetNeither() throws Exception {
        for (String v : new String[] {"11.0.2", "1.8.0_292"}) {
            List<String> args = argsFor(v, null);
            assertFalse(args.stream().anyMatch(a -> a.startsWith("--enable-native-access")), v + ": " + args);
            assertFalse(args.stream().anyMatch(a -> a.startsWith("--sun-misc")), v + ": " + args);
        }
    }

    @Test
    void withoutAReleaseFileTheVersionComesFromJavaVersion() throws Exception {
        List<String> args = argsFor(null, "openjdk version \"22.0.1\" 2024-04-16");
        assertTrue(args.contains("--enable-native-access=ALL-UNNAMED"), args.toString());
        assertFalse(args.contains("--sun-misc-unsafe-memory-access=allow"), args.toString());
        List<String> old = argsFor(null, "java version \"1.8.0_292\"");
        assertFalse(old.contains("--enable-native-access=ALL-UNNAMED"), old.toString());
    }
}
