package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the package step ships beside the jars: a man page per command with every option, the bash completion
 * script, and the third-party licence list (src/build/ThirdPartyLicenses.java, run here on a small repository).
 */
class DistFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandHasAManPageWithEveryOption() throws Exception {
        DistFiles.write(dir, "9.9");
        for (CommandLine cl : DistFiles.commands(Main.commandLine())) {
            String name = DistFiles.pageName(cl.getCommandSpec());
            Path page = dir.resolve("share/man/man1/" + name + ".1");
            assertTrue(Files.isRegularFile(page), page.toString());
            String text = Files.readString(page);
            assertTrue(text.startsWith(".TH \"" + DistFiles.escape(name.toUpperCase(java.util.Locale.ROOT)) + "\" 1"),
                    text);
            assertTrue(text.contains("modelscout 9.9"), text);
            assertTrue(text.contains(".SH NAME\n" + DistFiles.escape(name) + " \\- "), text);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertTrue(text.contains("\\fB\\-\\-" + (o.negatable() ? "[no\\-]" : "")
                            + DistFiles.escape(o.longestName().replaceFirst("^--", "")) + "\\fR"),
                            name + " lacks " + o.longestName());
                }
            }
            for (String line : text.split("\n")) {
                assertTrue(!line.startsWith(".") || line.matches("\\.(TH|SH|TP|PP|B|I|nh|hy|ad)( .*)?"),
                        name + ": a text line read as a request: " + line);
            }
        }
        assertTrue(Files.readString(dir.resolve("share/man/man1/modelscout-recommend.1"))
                .contains("\\fB\\-\\-device\\fR=\\fIauto|cpu|cuda[:N]\\fR"));
    }

    @Test
    void manPagesRenderWithoutWarningsWhereGroffIsInstalled() throws Exception {
        DistFiles.write(dir, "9.9");
        boolean groff = new File("/usr/bin/groff").canExecute();
        org.junit.jupiter.api.Assumptions.assumeTrue(groff, "groff is not installed");
        for (File page : dir.resolve("share/man/man1").toFile().listFiles()) {
            Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertEquals("", out, page.getName());
        }
    }

    @Test
    void theCompletionScriptKnowsEveryCommand() throws Exception {
        DistFiles.write(dir, "9.9");
        String script = Files.readString(dir.resolve("share/bash-completion/completions/modelscout"));
        assertTrue(script.contains("complete -F _complete_modelscout"), script.substring(0, 300));
        for (String command : List.of("recommend", "finetune", "select", "jobs", "plan", "zoo", "history")) {
            assertTrue(script.contains(command), command);
        }
        assertTrue(script.contains("--scoring-device"));
    }

    @Test
    void theSummaryIsTheFirstClause() {
        assertEquals("Plan a sweep", DistFiles.firstSentence("Plan a sweep: one cell per cell. More."));
        assertEquals("Fine-tune one backbone", DistFiles.firstSentence("Fine-tune one backbone. Then more."));
        assertEquals("Does it", DistFiles.firstSentence("Does it."));
    }

    private static void jar(Path jar, String entry, String text) throws Exception {
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("a/A.class"));
            z.write(new byte[] {1});
            if (entry != null) {
                z.putNextEntry(new ZipEntry(entry));
                z.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void thirdPartyLicencesComeFromThePomOrItsParentAndTheJar() throws Exception {
        Path repo = dir.resolve("repo");
        Path lib = repo.resolve("org/example/lib/1.0/lib-1.0.jar");
        jar(lib, "META-INF/LICENSE.txt", "the lib licence");
        Files.writeString(repo.resolve("org/example/lib/1.0/lib-1.0.pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>2</version></parent>"
                + "<artifactId>lib</artifactId><dependencies><dependency><licenses><license><name>WRONG</name>"
                + "</license></licenses></dependency></dependencies></project>");
        Files.createDirectories(repo.resolve("org/example/parent/2"));
        Files.writeString(repo.resolve("org/example/parent/2/parent-2.pom"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                + "<licenses><license><name>MIT</name><url>https://opensource.org/licenses/MIT</url></license>"
                + "</licenses></project>");
        Path own = dir.resolve("build/own.jar");
        jar(own, null, null);
        Path out = dir.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Path.of("..", "src", "build", "ThirdPartyLicenses.java").toString(), repo.toString(), out.toString(),
                lib + File.pathSeparator + own + File.pathSeparator + dir.resolve("classes")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        String list = Files.readString(out.resolve("THIRD-PARTY.txt"));
        assertTrue(list.contains("org.example:lib:1.0  MIT <https://opensource.org/licenses/MIT>"), list);
        assertTrue(!list.contains("WRONG") && !list.contains("own"), list);
        assertEquals("the lib licence", Files.readString(out.resolve("lib-1.0/META-INF_LICENSE.txt")));
        assertEquals("", log, "a list with every licence declared is made silently (mvn -q stays quiet)");
    }
}
