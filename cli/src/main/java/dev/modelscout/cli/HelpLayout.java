package dev.modelscout.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help's width and line breaks. The width is the terminal's ({@link #terminalWidth}): {@code COLUMNS} when it
 * is set, as other command-line tools read it, else the width picocli detects on a terminal, else 80; at least
 * {@value #MIN_WIDTH} and at most {@value #MAX_WIDTH} columns (longer lines are hard to read).
 *
 * <p>Lines break only at spaces, never inside a token. picocli wraps with Java's line {@code BreakIterator}, which
 * also breaks after a '.', a '/' or a ']' ({@code model.␤json}, {@code ~/.␤cache}, {@code [--[no-]␤tune]}), and
 * its text tables cannot be given another one. So each section whose text wraps (synopsis, description, option
 * and parameter lists, command list) is rendered by picocli on one line per row, at a width nothing exceeds, and
 * wrapped here at spaces with the hanging indent picocli's layout gives that section. A token longer than the
 * room it has stays whole and overflows, rather than being cut.
 */
final class HelpLayout {

    static final int MIN_WIDTH = 55; // picocli's minimum usage width
    static final int MAX_WIDTH = 120;
    static final int DEFAULT_WIDTH = 80;
    /** The width picocli renders the wrapped sections at: wider than any row, so it breaks none. */
    private static final int UNWRAPPED = 100_000;
    /** picocli's extra indent of a wrapped line in its text tables (TextTable.indentWrappedLines). */
    private static final int WRAP_INDENT = 2;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private HelpLayout() {
    }

    /**
     * The help's width: {@code COLUMNS} when it is a number, else {@code detected} (the terminal's,
     * {@link Terminal#columns}; negative when there is none) or {@value #DEFAULT_WIDTH}; clamped to
     * [{@value #MIN_WIDTH}, {@value #MAX_WIDTH}].
     */
    static int terminalWidth(String columns, IntSupplier detected) {
        int width = -1;
        if (columns != null && columns.strip().matches("[0-9]{1,6}")) {
            width = Integer.parseInt(columns.strip());
        }
        if (width <= 0) {
            width = detected.getAsInt();
        }
        if (width <= 0) {
            width = DEFAULT_WIDTH;
        }
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
    }

    /** This process's terminal width ({@link #terminalWidth(String, IntSupplier)}); looks only when help is shown. */
    static int terminalWidth() {
        return terminalWidth(System.getenv("COLUMNS"), HelpLayout::detectedWidth);
    }

    /** The terminal's width ({@link Terminal#columns}), or -1 where there is no terminal. */
    private static int detectedWidth() {
        if (System.console() == null) {
            return -1;
        }
        int w = Terminal.columns();
        return w > 0 ? w : -1;
    }

    /** Lays out the help of {@code cl} and all its subcommands at {@code width} (read when a help is rendered). */
    static void install(CommandLine cl, IntSupplier width) {
        cl.setHelpFactory((spec, colorScheme) -> {
            spec.usageMessage().width(width.getAsInt());
            return new Help(spec, colorScheme);
        });
        Map<String, IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        wrap(sections, UsageMessageSpec.SECTION_KEY_SYNOPSIS, HelpLayout::synopsisIndent);
        wrap(sections, UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> new int[] {0, 0});
        wrap(sections, UsageMessageSpec.SECTION_KEY_HEADER, help -> new int[] {0, 0});
        wrap(sections, UsageMessageSpec.SECTION_KEY_FOOTER, help -> new int[] {0, 0});
        wrap(sections, UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::optionListIndent);
        wrap(sections, UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::optionListIndent);
        wrap(sections, UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandListIndent);
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub, width);
        }
    }

    /**
     * How a section's lines are indented: {first-line text column, continuation indent}, and for a section whose
     * first line follows its heading, that heading's width.
     */
    private interface Indent {
        int[] of(Help help);
    }

    private static void wrap(Map<String, IHelpSectionRenderer> sections, String key, Indent indent) {
        IHelpSectionRenderer picocli = sections.get(key);
        if (picocli == null) {
            return;
        }
        sections.put(key, help -> {
            UsageMessageSpec usage = help.commandSpec().usageMessage();
            int width = usage.width();
            int[] at = indent.of(help);
            String unwrapped;
            usage.width(UNWRAPPED);
            try {
                unwrapped = picocli.render(help);
            } finally {
                usage.width(width);
            }
            if (at.length > 2) { // the first line follows a heading of at[2] columns
                String pad = " ".repeat(at[2]);
                return wrapLines(pad + unwrapped, width, at[0], at[1]).substring(pad.length());
            }
            return wrapLines(unwrapped, width, at[0], at[1]);
        });
    }

    /** picocli's synopsis indent: after "Usage: NAME ", or the heading's length when that is over half the width. */
    private static int[] synopsisIndent(Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        int heading = ANSI.matcher(help.synopsisHeading()).replaceAll("").length();
        int indent = heading + help.commandSpec().qualifiedName().length() + 1;
        if (indent > usage.synopsisAutoIndentThreshold() * usage.width()) {
            indent = usage.synopsisIndent() < 0 ? heading : usage.synopsisIndent();
        }
        return new int[] {indent, indent, heading};
    }

    /** picocli's option table: marker (2), short name (2), comma (1), long names, then the description indented 1. */
    private static int[] optionListIndent(Help help) {
        int longNames = help.calcLongOptionColumnWidth(help.commandSpec().options(),
                help.commandSpec().positionalParameters(), help.colorScheme());
        int description = 2 + 2 + 1 + longNames + 1;
        return new int[] {description, description + WRAP_INDENT};
    }

    /** picocli's command table: the names (indent 2, widest name + 2), then the description indented 2. */
    private static int[] commandListIndent(Help help) {
        int names = 0;
        for (Help sub : help.subcommands().values()) {
            names = Math.max(names, sub.commandNamesText(", ").plainString().length());
        }
        int description = names + 2 + 2;
        return new int[] {description, description + WRAP_INDENT};
    }

    /**
     * Each line of {@code text} wrapped at spaces to {@code width} columns: the part of a line from {@code column}
     * on is wrapped (the columns before it, an option's names, are kept as they are), continuation lines start at
     * {@code indent}. A line that fits is kept as is; a token that does not fit stays whole on its own line. ANSI
     * colour codes take no width.
     */
    static String wrapLines(String text, int width, int column, int indent) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append(System.lineSeparator());
            }
            wrapLine(lines[i], width, column, indent, out);
        }
        return out.toString();
    }

    private static void wrapLine(String line, int width, int column, int indent, StringBuilder out) {
        line = stripTrailing(line);
        if (visible(line) <= width) {
            out.append(line);
            return;
        }
        // Keep what stands before the text column (or the line's own indent, if deeper) on the first line.
        int start = Math.min(indexOfVisible(line, column), line.length());
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        if (lead > start) {
            start = lead;
        }
        while (start > 0 && start < line.length() && line.charAt(start - 1) != ' ') {
            start++; // the text column falls inside a token (an option name wider than its column): keep it whole
        }
        List<String> words = new ArrayList<>();
        for (String w : line.substring(start).split(" +")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        StringBuilder current = new StringBuilder(line.substring(0, start));
        int used = visible(current.toString());
        boolean empty = true;
        String pad = " ".repeat(indent);
        for (String w : words) {
            int len = visible(w);
            if (!empty && used + 1 + len > width) {
                out.append(current).append(System.lineSeparator());
                current = new StringBuilder(pad);
                used = indent;
                empty = true;
            }
            if (!empty) {
                current.append(' ');
                used++;
            }
            current.append(w);
            used += len;
            empty = false;
        }
        out.append(current);
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** The width of {@code s} on a terminal: its characters less ANSI colour codes. */
    static int visible(String s) {
        return s.indexOf('\u001B') < 0 ? s.length() : ANSI.matcher(s).replaceAll("").length();
    }

    /** The index in {@code s} of its visible column {@code column} (ANSI codes skipped). */
    private static int indexOfVisible(String s, int column) {
        int seen = 0;
        int i = 0;
        while (i < s.length() && seen < column) {
            if (s.charAt(i) == '\u001B') {
                int m = s.indexOf('m', i);
                i = m < 0 ? s.length() : m + 1;
                continue;
            }
            seen++;
            i++;
        }
        return i;
    }
}
