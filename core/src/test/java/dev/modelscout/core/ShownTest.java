package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ShownTest {

    @Test
    void lineBreaksControlsAndBidiControlsAreEscapedJavaStyle() {
        assertEquals("a\\nerror: x", Shown.escape("a\nerror: x"));
        assertEquals("\\r\\t\\u001b[31m", Shown.escape("\r\t\u001b[31m"));
        assertEquals("evil\\u202egnp.exe \\u2066x\\u2069 \\u200f", Shown.escape("evil\u202Egnp.exe \u2066x\u2069 \u200F"));
        assertEquals("a\\u2028b\\ud800", Shown.escape("a\u2028b\uD800"));
    }

    @Test
    void ordinaryTextIncludingNonAsciiIsKeptAsItIs() {
        String s = "caf\u00e9 \u2603 \uD83D\uDE00 \u05e9\u05dc\u05d5\u05dd /tmp/a b.csv";
        assertSame(s, Shown.escape(s));
        assertEquals("x", Shown.line("x\n"));
    }
}
