package dev.modelscout.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The files the distribution ships beside the launcher, made from the command line's own model at build time
 * (the package step runs {@link #main}): a man page per command, {@code share/man/man1/modelscout-COMMAND.1}, and
 * the bash completion script, {@code share/bash-completion/completions/modelscout} (picocli's {@link AutoComplete}).
 *
 * <p>The man pages are written here as man(7) troff rather than with picocli-codegen's ManPageGenerator, which
 * writes AsciiDoc that Asciidoctor (Ruby, or AsciidoctorJ on JRuby) must then turn into a man page: the build
 * needs nothing beyond a JDK and Maven.
 */
public final class DistFiles {

    private DistFiles() {
    }

    /** {@code DistFiles OUT VERSION}: writes OUT/share/man/man1/*.1 and OUT/share/bash-completion/completions/modelscout. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DistFiles OUT VERSION");
            System.exit(2);
        }
        write(Path.of(args[0]), args[1]);
    }

    /** Writes the man pages and the completion script under {@code out}; returns the files written. */
    static List<Path> write(Path out, String version) throws IOException {
        CommandLine root = Main.commandLine();
        List<Path> written = new ArrayList<>();
        Path man = out.resolve("share/man/man1");
        Files.createDirectories(man);
        for (CommandLine cl : commands(root)) {
            Path page = man.resolve(pageName(cl.getCommandSpec()) + ".1");
            Files.writeString(page, manPage(cl, version), StandardCharsets.UTF_8);
            written.add(page);
        }
        Path completion = out.resolve("share/bash-completion/completions/modelscout");
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, AutoComplete.bash("modelscout", root), StandardCharsets.UTF_8);
        written.add(completion);
        return written;
    }

    /** Every command of the tree but picocli's {@code help}, the top one first. */
    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        if (cl.getCommandSpec().helpCommand()) {
            return;
        }
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    /** "modelscout-jobs-plan" for {@code modelscout jobs plan}. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    /** The man page of one command, in man(7) macros. */
    static String manPage(CommandLine cl, String version) {
        CommandSpec spec = cl.getCommandSpec();
        StringBuilder t = new StringBuilder();
        String name = pageName(spec);
        t.append(".TH ").append(quote(name.toUpperCase(Locale.ROOT))).append(" 1 \"\" ")
                .append(quote("modelscout " + version)).append(" \"modelscout manual\"\n");
        List<String> description = paragraphs(spec.usageMessage().description());
        t.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(description.isEmpty() ? "" : firstSentence(description.get(0)))).append('\n');
        t.append(".SH SYNOPSIS\n.nh\n.ad l\n").append(line(synopsis(cl))).append(".ad\n.hy\n");
        if (!description.isEmpty()) {
            t.append(".SH DESCRIPTION\n");
            for (int i = 0; i < description.size(); i++) {
                t.append(i == 0 ? "" : ".PP\n").append(line(description.get(i)));
            }
        }
        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!positionals.isEmpty()) {
            t.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                t.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n')
                        .append(line(String.join(" ", formatted(p.description()))));
            }
        }
        List<OptionSpec> options = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
        options.sort((a, b) -> key(a).compareTo(key(b)));
        if (!options.isEmpty()) {
            t.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                t.append(".TP\n").append(optionLabel(o)).append('\n')
                        .append(line(String.join(" ", formatted(o.description()))));
            }
        }
        Map<String, CommandLine> subs = cl.getSubcommands();
        List<String> seeAlso = new ArrayList<>();
        if (!subs.isEmpty()) {
            t.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
                if (e.getValue().getCommandSpec().helpCommand()) {
                    continue;
                }
                CommandSpec sub = e.getValue().getCommandSpec();
                List<String> d = paragraphs(sub.usageMessage().description());
                t.append(".TP\n.B ").append(escape(e.getKey())).append('\n')
                        .append(line((d.isEmpty() ? "" : firstSentence(d.get(0))) + " See " + pageName(sub) + "(1)."));
                seeAlso.add(pageName(sub));
            }
        }
        CommandSpec parent = spec.parent();
        if (parent != null) {
            seeAlso.add(0, pageName(parent));
        }
        if (!seeAlso.isEmpty()) {
            t.append(".SH SEE ALSO\n");
            List<String> refs = seeAlso.stream().map(s -> "\\fB" + escape(s) + "\\fR(1)").toList();
            t.append(String.join(",\n", refs)).append('\n');
        }
        return t.toString();
    }

    /** The synopsis picocli prints, on one line (man wraps it). */
    private static String synopsis(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        int width = spec.usageMessage().width();
        spec.usageMessage().width(100_000);
        try {
            return new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).strip();
        } finally {
            spec.usageMessage().width(width);
        }
    }

    private static String key(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    /** "\fB\-\-batch\-size\fR=\fIB\fR", with the short name first where there is one. */
    private static String optionLabel(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String label = String.join(", ", names);
        if (o.negatable()) {
            label = label.replace("\\fB\\-\\-", "\\fB\\-\\-[no\\-]");
        }
        boolean takesValue = !o.typeInfo().isBoolean() && o.arity().max() > 0;
        return takesValue ? label + "=\\fI" + escape(o.paramLabel()) + "\\fR" : label;
    }

    /** Description lines, formatted as the help formats them ({@code %%} to {@code %}), joined into paragraphs. */
    private static List<String> paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String l : formatted(lines)) {
            for (String p : l.split("\\R")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    private static List<String> formatted(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines == null ? new String[0] : lines) {
            String s = l;
            if (s.contains("%")) {
                try {
                    s = String.format(Locale.ROOT, s);
                } catch (java.util.IllegalFormatException e) {
                    // shown as written, as picocli shows a text it cannot format
                }
            }
            out.add(s);
        }
        return out;
    }

    /** The first clause of a paragraph, for a one-line summary: up to the first ". ", ": " or "; ". */
    static String firstSentence(String paragraph) {
        int end = paragraph.length();
        for (String stop : new String[] {". ", ": ", "; "}) {
            int at = paragraph.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String s = paragraph.substring(0, end).strip();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** One text line: escaped, and protected where it would start with a control character. */
    private static String line(String text) {
        String e = escape(text);
        return (e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e) + "\n";
    }

    /** Text for troff: backslashes as \e, hyphens as \- (so that options copy as ASCII hyphens), no line breaks. */
    static String escape(String text) {
        return text.replace("\\", "\\e").replace("-", "\\-").replace("\r", " ").replace("\n", " ");
    }

    private static String quote(String s) {
        return "\"" + escape(s).replace("\"", "\\(dq") + "\"";
    }
}
