import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.File;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes what PIL cannot: a YCCK JPEG, with the JDK's own JPEG writer (run with a plain JDK,
 * no TwelveMonkeys on the class path): {@code java MakeJpegs.java <folder>}.
 * <ul>
 * <li>{@code ycck.jpg}: 4 components, Adobe APP14 transform 2 (YCCK), Y and K sampled 2x2, Cb and Cr 1x1,
 *     as Photoshop writes CMYK JPEGs. The writer stores the samples as given (no CMYK to YCCK conversion),
 *     so the raster holds Y, Cb, Cr, K gradients.</li>
 * <li>{@code linear-rgb.icc}: the JDK's linear-RGB ICC profile, which make_fixtures.py embeds in an RGB
 *     JPEG (and then deletes).</li>
 * </ul>
 */
public class MakeJpegs {

    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    public static void main(String[] args) throws IOException {
        File dir = new File(args[0]);
        int w = 16;
        int h = 12;
        WritableRaster ycck = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ycck.setSample(x, y, 0, 40 + 12 * x);
                ycck.setSample(x, y, 1, 128 + 8 * (y - 6));
                ycck.setSample(x, y, 2, 128 + 6 * (x - 8));
                ycck.setSample(x, y, 3, 9 * (x + y));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        IIOMetadata md = writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR), param);
        IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(FORMAT);
        IIOMetadataNode variety = (IIOMetadataNode) root.getElementsByTagName("JPEGvariety").item(0);
        while (variety.getFirstChild() != null) {
            variety.removeChild(variety.getFirstChild()); // no JFIF: it would say YCbCr
        }
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
        adobe.setAttribute("transform", "2");
        markers.insertBefore(adobe, markers.getFirstChild());
        IIOMetadataNode sof = (IIOMetadataNode) root.getElementsByTagName("sof").item(0);
        sof.setAttribute("numFrameComponents", "4");
        IIOMetadataNode k = new IIOMetadataNode("componentSpec");
        k.setAttribute("componentId", "4");
        k.setAttribute("HsamplingFactor", "2");
        k.setAttribute("VsamplingFactor", "2");
        k.setAttribute("QtableSelector", "0");
        sof.appendChild(k);
        IIOMetadataNode sos = (IIOMetadataNode) root.getElementsByTagName("sos").item(0);
        sos.setAttribute("numScanComponents", "4");
        IIOMetadataNode ks = new IIOMetadataNode("scanComponentSpec");
        ks.setAttribute("componentSelector", "4");
        ks.setAttribute("dcHuffTable", "0");
        ks.setAttribute("acHuffTable", "0");
        sos.appendChild(ks);
        md.setFromTree(FORMAT, root);
        write(writer, new IIOImage(ycck, null, md), param, new File(dir, "ycck.jpg"));

        java.nio.file.Files.write(new File(dir, "linear-rgb.icc").toPath(),
                ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
        writer.dispose();
    }

    private static void write(ImageWriter writer, IIOImage image, ImageWriteParam param, File file) throws IOException {
        file.delete();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        }
    }
}
