package org.ifl.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Run by {@link ImageIT} inside the extracted image, on the image's class path, to load the native code the services
 * need: PyTorch's library through DJL as {@code ifl worker} does (unpacked under DJL_CACHE_DIR, linked against the
 * image's libraries), multiplying a 2x2 matrix by the identity; and the JDK's image codecs as the worker and the
 * producers decode images (a JPEG written and read back). Prints {@code PyTorch VERSION sum 10.0} and
 * {@code jpeg 8x6}.
 */
final class NativeProbe {
    private NativeProbe() {
    }

    public static void main(String[] args) throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray matrix = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            float sum = matrix.matMul(manager.eye(2)).sum().getFloat();
            System.out.println("PyTorch " + Engine.getEngine("PyTorch").getVersion() + " sum " + sum);
        }
        BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 2, 0xff8800);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpeg", jpeg)) {
            throw new IOException("no JPEG writer");
        }
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(jpeg.toByteArray()));
        System.out.println("jpeg " + read.getWidth() + "x" + read.getHeight());
    }
}
