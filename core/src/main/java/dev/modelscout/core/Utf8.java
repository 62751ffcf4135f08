package dev.modelscout.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for the text files modelscout reads and rewrites (histories, catalogs). A byte sequence that is not
 * UTF-8 is refused as {@code file:line: not UTF-8}, never replaced by U+FFFD: a file whose rows are later written
 * back must keep every byte. Valid UTF-8 decoded here and encoded again gives the same bytes.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The text of {@code bytes}; {@code source} names the file in the error. */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder dec = decoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            throw notUtf8(source, 1 + newlines(bytes, in.position()), in.position());
        }
        dec.flush(out);
        return out.flip().toString();
    }

    /** A reader of {@code in} that decodes strictly; a bad byte is a {@link NotUtf8Exception} from {@code read}. */
    public static Reader reader(InputStream in, String source) {
        return new StrictReader(in, source);
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static long newlines(byte[] bytes, int end) {
        long n = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static NotUtf8Exception notUtf8(String source, long line, long byteOffset) {
        return new NotUtf8Exception(source + ":" + line + ": not UTF-8 (byte offset " + byteOffset
                + "); save the file as UTF-8: modelscout never rewrites bytes it cannot read", line);
    }

    /** The strict reader: decodes 64 KiB at a time, counting lines so that the error names one. */
    private static final class StrictReader extends Reader {
        private final InputStream in;
        private final String source;
        private final CharsetDecoder dec = decoder();
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
        private long linesBefore;
        private long bytesBefore;
        private boolean eof;
        private boolean done;

        StrictReader(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (done) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, chars.remaining());
            chars.get(buf, off, n);
            return n;
        }

        private void fill() throws IOException {
            if (!eof) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            chars.clear();
            int start = bytes.position();
            CoderResult r = dec.decode(bytes, chars, eof);
            if (r.isError()) {
                long lines = linesBefore;
                for (int i = start; i < bytes.position(); i++) {
                    if (bytes.get(i) == '\n') {
                        lines++;
                    }
                }
                throw notUtf8(source, lines + 1, bytesBefore + bytes.position());
            }
            for (int i = start; i < bytes.position(); i++) {
                if (bytes.get(i) == '\n') {
                    linesBefore++;
                }
            }
            bytesBefore += bytes.position() - start;
            if (eof && !bytes.hasRemaining()) {
                dec.flush(chars);
                done = true;
            }
            chars.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
