package dev.modelscout.core;

import dev.modelscout.core.Npy.NpyFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .npy} header format (versions 1.0 to 3.0): the magic string, the version, the header dict
 * ({@code descr}, {@code fortran_order}, {@code shape}) and where the data starts. {@link #open} parses a
 * file's header and checks that the data it promises is there; {@link #encode} writes a version 1.0 header.
 *
 * @param shape   the array's shape
 * @param descr   the NumPy dtype string as written, byte-order mark included ({@code <f4})
 * @param type    the dtype without its byte-order mark ({@code f4})
 * @param width   bytes per value
 * @param fortran whether the values are in Fortran (column-major) order
 * @param count   the number of values
 * @param data    the values' bytes, in the file's byte order
 */
record NpyHeader(int[] shape, String descr, String type, int width, boolean fortran, int count, ByteBuffer data) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads a file and parses its header; the data is checked to be as long as the header promises. */
    static NpyHeader open(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new NpyFormatException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new NpyFormatException(file + ": not a .npy file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new NpyFormatException(file + ": not a .npy file (bad magic)");
            }
        }
        int major = bytes[6] & 0xff;
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xffff;
            offset = 10;
        } else if (major == 2 || major == 3) {
            headerLen = buf.getInt(8);
            offset = 12;
        } else {
            throw new NpyFormatException(file + ": unsupported .npy format version " + major);
        }
        if (offset + headerLen > bytes.length || headerLen < 0) {
            throw new NpyFormatException(file + ": truncated .npy header");
        }
        String header = new String(bytes, offset, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, file, "fortran_order"));
        int[] shape = parseShape(group(SHAPE, header, file, "shape"), file);
        long count = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new NpyFormatException(file + ": bad shape " + Npy.shapeText(shape) + ": a dimension is negative");
            }
            count = count > Integer.MAX_VALUE ? count : count * s;
        }
        if (count > Integer.MAX_VALUE - 16) {
            throw new NpyFormatException(file + ": array too large (" + count + " values)");
        }
        if (descr.isEmpty()) {
            throw new NpyFormatException(file + ": unsupported dtype ''");
        }
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String type = descr.substring(descr.charAt(0) == '<' || descr.charAt(0) == '>'
                || descr.charAt(0) == '|' || descr.charAt(0) == '=' ? 1 : 0);
        int width;
        try {
            width = Integer.parseInt(type.substring(1));
        } catch (RuntimeException e) {
            throw new NpyFormatException(file + ": unsupported dtype '" + descr + "'");
        }
        int dataStart = offset + headerLen;
        if ((long) dataStart + count * width > bytes.length) {
            throw new NpyFormatException(file + ": truncated data: header promises " + count + " values of "
                    + width + " bytes, file has " + (bytes.length - dataStart) + " bytes");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        return new NpyHeader(shape, descr, type, width, fortran, (int) count, data);
    }

    /**
     * A version 1.0 header for C-order data of the given dtype and shape: magic, version, length and the
     * dict, padded with spaces so that the data starts at a multiple of 64 bytes.
     */
    static byte[] encode(String descr, int[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + Npy.shapeText(shape) + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length);
        out.put(MAGIC);
        out.put(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
        out.put(text);
        return out.array();
    }

    private static String group(Pattern p, String header, Path file, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException(file + ": .npy header has no '" + key + "': " + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, Path file) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim().replace("L", "");
            if (!t.isEmpty()) {
                try {
                    dims.add(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new NpyFormatException(file + ": bad shape '(" + text + ")'");
                }
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
