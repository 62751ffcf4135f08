import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes a small ImageFolder of synthetic images with a planted class signal (class 0 reddish, class 1
 * greenish, ...), as the CLI tests make (ExtractIT.images). Run as a source file:
 * {@code java src/slurm/MakeImages.java OUT CLASSES PER_CLASS SEED}.
 */
public final class MakeImages {

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java MakeImages.java OUT CLASSES PER_CLASS SEED");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int classes = Integer.parseInt(args[1]);
        int perClass = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        String[] formats = {"png", "jpg", "bmp"};
        for (int c = 0; c < classes; c++) {
            Path d = root.resolve("class" + c);
            Files.createDirectories(d);
            for (int i = 0; i < perClass; i++) {
                Random r = new Random(seed * 1_000_003L + 100L * c + i);
                BufferedImage img = new BufferedImage(40 + i, 36, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        int v = r.nextInt(128);
                        int[] rgb = {v, v, v};
                        rgb[c % 3] = v + 127;
                        img.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
                    }
                }
                String f = formats[(c + i) % formats.length];
                ImageIO.write(img, f.equals("jpg") ? "jpeg" : f, d.resolve("img" + i + "." + f).toFile());
            }
        }
    }
}
