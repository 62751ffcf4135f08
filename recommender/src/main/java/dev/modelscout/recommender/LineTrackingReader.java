package dev.modelscout.recommender;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that skips a leading byte-order mark and knows the line of any character position at or after the
 * last one asked about ({@link #lineAt}, positions asked in increasing order, as a CSV parser's records come).
 * It keeps only the line breaks read ahead of the last position asked, so memory does not grow with the file.
 */
final class LineTrackingReader extends Reader {

    private final Reader in;
    private long position;
    private long[] breaks = new long[256];
    private int head;
    private int tail;
    private long linesPassed;
    private boolean started;
    private boolean bom;
    private boolean crlf;
    private char last;

    LineTrackingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (!started) {
            started = true;
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            if (c == '\uFEFF') {
                bom = true;
            } else if (len > 0) {
                buf[off] = (char) c;
                note(buf[off]);
                int more = len > 1 ? in.read(buf, off + 1, len - 1) : 0;
                for (int i = 0; i < Math.max(0, more); i++) {
                    note(buf[off + 1 + i]);
                }
                return 1 + Math.max(0, more);
            }
        }
        int n = in.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            note(buf[off + i]);
        }
        return n;
    }

    private void note(char c) {
        if (c == '\n') {
            if (last == '\r') {
                crlf = true;
            }
            if (tail == breaks.length) {
                compact();
            }
            breaks[tail++] = position;
        }
        last = c;
        position++;
    }

    private void compact() {
        int live = tail - head;
        long[] to = live * 2 > breaks.length ? new long[breaks.length * 2] : breaks;
        System.arraycopy(breaks, head, to, 0, live);
        breaks = to;
        head = 0;
        tail = live;
    }

    /** The 1-based line of the character at {@code pos} (not before a position asked earlier). */
    long lineAt(long pos) {
        while (head < tail && breaks[head] < pos) {
            head++;
            linesPassed++;
        }
        return linesPassed + 1;
    }

    /** Characters read so far, after a byte-order mark. */
    long position() {
        return position;
    }

    boolean hadBom() {
        return bom;
    }

    boolean sawCrlf() {
        return crlf;
    }

    /** Whether the last character read was a line break (true of an empty text). */
    boolean endsWithNewline() {
        return position == 0 || last == '\n';
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
