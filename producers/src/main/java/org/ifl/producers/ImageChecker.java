package org.ifl.producers;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.ifl.schemas.avro.ImageRef;

/**
 * Checks each image before it is published: a local file must decode with ImageIO (its SHA-256, media type
 * and size go into the reference); a remote URL is published by reference, unchecked, since nothing is
 * downloaded. A file is read once however many items and languages share it. Images are sent by reference;
 * only a local file of at most {@code inlineCapBytes} bytes is also sent inline (0: never).
 */
public final class ImageChecker {
    private final long inlineCapBytes;
    private final Map<Path, Result> checked = new HashMap<>();

    public ImageChecker(long inlineCapBytes) {
        if (inlineCapBytes < 0) {
            throw new IllegalArgumentException("the inline image cap must be 0 (never) or more bytes, not "
                    + inlineCapBytes);
        }
        this.inlineCapBytes = inlineCapBytes;
    }

    /** An image that can be published, or why it cannot. */
    public sealed interface Result {
    }

    public record Usable(CheckedImage image) implements Result {
    }

    /** @param reason names the file and what is wrong with it */
    public record Unusable(String reason) implements Result {
    }

    public Result check(ImageSource source) {
        if (!source.isLocal()) {
            return new Usable(new CheckedImage(ImageRef.newBuilder().setUri(source.uri()).build(), null, false));
        }
        return checked.computeIfAbsent(source.file(), this::read);
    }

    private Result read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Unusable("image " + file + " does not exist");
        } catch (IOException e) {
            return new Unusable("image " + file + " cannot be read: " + e.getMessage());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new Unusable("image " + file + " is not in a format ImageIO reads (" + bytes.length
                        + " bytes; PNG, JPEG, GIF, BMP, WBMP and TIFF are)");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            BufferedImage image;
            try {
                reader.setInput(in);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
            ImageRef ref = ImageRef.newBuilder()
                    .setUri(file.toString())
                    .setSha256(sha256(bytes))
                    .setMediaType(mediaType(format))
                    .setWidthPx(image.getWidth())
                    .setHeightPx(image.getHeight())
                    .build();
            ByteBuffer inline = bytes.length <= inlineCapBytes ? ByteBuffer.wrap(bytes) : null;
            return new Usable(new CheckedImage(ref, inline, true));
        } catch (IOException | RuntimeException e) {
            return new Unusable("image " + file + " does not decode: " + e.getMessage());
        }
    }

    private static String mediaType(String format) {
        return switch (format) {
            case "jpeg", "jpg" -> "image/jpeg";
            case "tif", "tiff" -> "image/tiff";
            case "wbmp" -> "image/vnd.wap.wbmp";
            default -> "image/" + format;
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
