package dev.modelscout.core;

/**
 * The one policy for names and other untrusted text inside messages: Java-style escapes for every character that
 * could change how a terminal line reads. Line breaks, tabs and other control characters ({@code \n},
 * {@code \r}, {@code \t}, ESC, ...), line and paragraph separators, broken surrogate halves, and the
 * Unicode bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) are written as
 * {@code \n}, {@code \r}, {@code \t} or {@code &#92;uXXXX}. So a file named {@code "a\nerror: fake.png"} can never
 * print a second line that reads like a message of ours, and a right-to-left override never reverses a path.
 */
public final class Shown {

    private Shown() {
    }

    /** {@code text} with the characters above escaped ({@code "null"} for null). */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        if (text.codePoints().noneMatch(Shown::unsafe)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    /** One message line: trailing white space and line breaks dropped, then {@link #escape}. */
    public static String line(String message) {
        return escape(message == null ? null : message.stripTrailing());
    }

    /** Whether {@link #escape} escapes the code point {@code c}. */
    public static boolean unsafe(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || bidi(c);
    }

    private static boolean bidi(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
