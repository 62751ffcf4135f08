package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help of every command: within the terminal's width, lines broken only at spaces (no token cut, as picocli's
 * own wrapping cut {@code model.␤json}), one style for placeholders and defaults, the device options only where
 * a device is used; and what bare, misspelt and unknown commands print.
 */
class HelpTest {

    /** Every command of the tree, by its full name ("modelscout jobs plan"), laid out at {@code width}. */
    private static Map<String, CommandLine> commands(int width) {
        CommandLine root = Main.commandLine();
        HelpLayout.install(root, () -> width);
        Map<String, CommandLine> all = new LinkedHashMap<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine cl, Map<String, CommandLine> into) {
        into.put(cl.getCommandSpec().qualifiedName(), cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static List<String> tokens(String text) {
        return Arrays.stream(text.strip().split("\\s+")).toList();
    }

    @Test
    void everyHelpFitsTheWidthAndBreaksOnlyBetweenTokens() {
        Map<String, CommandLine> unwrapped = commands(5000);
        for (int width : new int[] {80, 100, 120}) {
            for (Map.Entry<String, CommandLine> e : commands(width).entrySet()) {
                String help = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
                for (String line : help.split("\r?\n")) {
                    assertTrue(line.length() <= width, e.getKey() + " at " + width + " columns: a line of "
                            + line.length() + ":\n" + line);
                }
                String reference = unwrapped.get(e.getKey()).getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertEquals(tokens(reference), tokens(help), e.getKey() + " at " + width
                        + " columns: a token was cut or changed by the line breaks:\n" + help);
            }
        }
    }

    @Test
    void wideHelpUsesTheWidth() {
        String help = commands(120).get("modelscout train").getUsageMessage(CommandLine.Help.Ansi.OFF);
        int longest = help.lines().mapToInt(String::length).max().orElse(0);
        assertTrue(longest > 100, "no line past 100 columns at a width of 120:\n" + help);
    }

    @Test
    void wrappedDescriptionsKeepTheirColumn() {
        String help = commands(80).get("modelscout train").getUsageMessage(CommandLine.Help.Ansi.OFF);
        List<String> lines = help.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("--recommender=")) {
                at = i;
            }
        }
        assertTrue(at >= 0, help);
        String description = lines.get(at + 1);
        String continuation = lines.get(at + 2);
        int column = description.length() - description.stripLeading().length();
        assertEquals(column + 2, continuation.length() - continuation.stripLeading().length(), help);
    }

    @Test
    void aTokenWiderThanItsRoomStaysWhole() {
        String line = "  --x     " + "a".repeat(30) + " b " + "c".repeat(60) + " d";
        String wrapped = HelpLayout.wrapLines(line, 40, 10, 12);
        assertEquals(List.of("  --x     " + "a".repeat(30), " ".repeat(12) + "b", " ".repeat(12) + "c".repeat(60),
                " ".repeat(12) + "d"), wrapped.lines().toList());
    }

    @Test
    void colourCodesTakeNoWidth() {
        String red = "\u001B[31mred\u001B[0m";
        String line = (red + " ").repeat(10).strip();
        for (String l : HelpLayout.wrapLines(line, 20, 0, 0).split("\r?\n")) {
            assertTrue(HelpLayout.visible(l) <= 20, l);
        }
        assertEquals(2, HelpLayout.wrapLines(line, 20, 0, 0).lines().count());
    }

    @Test
    void theWidthIsColumnsWhenSetElseTheTerminalsWithinBounds() {
        assertEquals(100, HelpLayout.terminalWidth("100", () -> 90));
        assertEquals(90, HelpLayout.terminalWidth(null, () -> 90));
        assertEquals(90, HelpLayout.terminalWidth("wide", () -> 90));
        assertEquals(80, HelpLayout.terminalWidth(null, () -> -1));
        assertEquals(HelpLayout.MIN_WIDTH, HelpLayout.terminalWidth("20", () -> -1));
        assertEquals(HelpLayout.MAX_WIDTH, HelpLayout.terminalWidth("400", () -> -1));
    }

    @Test
    void everyValueHasAPlaceholderAndEveryDefaultOneStyle() {
        Pattern otherDefault = Pattern.compile("\\(default[ :]|[^(]Default [^:]|[Dd]efaults? to ");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : commands(80).entrySet()) {
            List<ArgSpec> args = new ArrayList<>(e.getValue().getCommandSpec().args());
            for (ArgSpec arg : args) {
                String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
                if (arg.hidden()) {
                    continue;
                }
                if (arg.typeInfo().isBoolean() && arg.isOption()) {
                    continue;
                }
                if (arg.paramLabel().startsWith("<")) {
                    problems.add(e.getKey() + " " + name + ": no paramLabel (" + arg.paramLabel() + ")");
                }
                String description = String.join(" ", arg.description());
                if (otherDefault.matcher(description).find()) {
                    problems.add(e.getKey() + " " + name + ": write defaults as 'Default: X.': " + description);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void deviceOptionsAreShownWhereADeviceIsUsedOnly() {
        Map<String, CommandLine> all = commands(100);
        for (String uses : List.of("modelscout", "modelscout doctor", "modelscout extract", "modelscout score",
                "modelscout recommend", "modelscout finetune", "modelscout select", "modelscout zoo add",
                "modelscout jobs run", "modelscout jobs plan", "modelscout bench extract")) {
            assertTrue(all.get(uses).getUsageMessage().contains("--device="), uses);
        }
        for (String not : List.of("modelscout train", "modelscout predict", "modelscout evaluate",
                "modelscout history append", "modelscout jobs status", "modelscout jobs merge", "modelscout zoo list",
                "modelscout zoo show", "modelscout bench loop", "modelscout bench scores")) {
            assertFalse(all.get(not).getUsageMessage().contains("--device"), not);
        }
        for (String not : List.of("modelscout train", "modelscout predict", "modelscout evaluate",
                "modelscout history append", "modelscout jobs status", "modelscout extract", "modelscout zoo list")) {
            assertFalse(all.get(not).getUsageMessage().contains("--scoring-device"), not);
        }
        assertTrue(all.get("modelscout bench scores").getUsageMessage().contains("--scoring-device="));
    }

    @Test
    void theDeviceIsStillAcceptedBeforeAnyCommandButNotAfterOneThatUsesNone() {
        CliTest.run("--device", "cpu", "zoo", "list").expectExit(0);
        CliTest.run("zoo", "list", "--device", "cpu").expectExit(2).expectErr("--device");
    }

    @Test
    void bareCommandPrintsTheUsageOnStdout() {
        CliTest r = CliTest.run().expectExit(0).expectOut("Usage: modelscout").expectOut("Commands:")
                .expectOut("recommend");
        assertEquals("", r.err());
    }

    @Test
    void aGroupWithoutItsCommandPrintsItsUsageOnStdout() {
        CliTest r = CliTest.run("jobs").expectExit(0).expectOut("Usage: modelscout jobs").expectOut("plan");
        assertEquals("", r.err());
        CliTest.run("--device", "cpu", "zoo").expectExit(0).expectOut("Usage: modelscout zoo");
    }

    @Test
    void aMisspeltCommandSuggestsTheRightOne() {
        CliTest r = CliTest.run("recomend").expectExit(2).expectErr("Did you mean: modelscout recommend")
                .expectErr("unknown command 'recomend'");
        assertEquals("", r.out());
    }

    @Test
    void helpOfAnUnknownCommandIsAnError() {
        CliTest r = CliTest.run("NOSUCHCOMMAND", "--help").expectExit(2).expectErr("unknown command 'NOSUCHCOMMAND'");
        assertEquals("", r.out());
        CliTest.run("jobs", "NOSUCH", "--help").expectExit(2).expectErr("NOSUCH");
        CliTest.run("train", "--no-such-option", "--help").expectExit(2).expectErr("--no-such-option");
        CliTest.run("help", "NOSUCHCOMMAND").expectExit(2).expectErr("unknown command 'NOSUCHCOMMAND'");
        CliTest.run("help", "jobs", "plann").expectExit(2).expectErr("unknown command 'plann'")
                .expectErr("Did you mean: jobs plan");
    }

    @Test
    void helpTakesNestedCommands() {
        CliTest r = CliTest.run("help", "jobs", "plan").expectExit(0).expectOut("Usage: modelscout jobs plan");
        assertEquals("", r.err());
        CliTest.run("help").expectExit(0).expectOut("Usage: modelscout [");
        CliTest.run("help", "recommend").expectExit(0).expectOut("Usage: modelscout recommend");
    }

    @Test
    void helpDoesNotPointAtFilesThatAreNotShipped() {
        for (Map.Entry<String, CommandLine> e : commands(100).entrySet()) {
            assertFalse(e.getValue().getUsageMessage().contains("shared/"), e.getKey());
        }
    }
}
