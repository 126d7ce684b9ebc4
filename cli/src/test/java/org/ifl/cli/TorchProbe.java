package org.ifl.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Run by {@link ImageIT} inside the extracted image, on the image's class path: loads PyTorch's native library
 * through DJL as {@code ifl worker} does (unpacked under DJL_CACHE_DIR, linked against the image's libraries) and
 * multiplies a 2x2 matrix by the identity; prints the engine's version and the product's sum (10).
 */
final class TorchProbe {
    private TorchProbe() {
    }

    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray matrix = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            float sum = matrix.matMul(manager.eye(2)).sum().getFloat();
            System.out.println("PyTorch " + Engine.getEngine("PyTorch").getVersion() + " sum " + sum);
        }
    }
}
