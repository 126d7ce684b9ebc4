package org.ifl.referencevlm.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.ifl.referencevlm.Colour;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.Shape;

/**
 * Every scene there is, split into the combinations the model trains on and those held out to show that its
 * fidelity is not memorised. The standard split holds out one colour per shape (a diagonal), so every colour and
 * every shape is still seen in training, only never together.
 */
public final class SceneSpace {
    /** Red stars, blue triangles, green squares and yellow circles, at every count, are never trained on. */
    public static final SceneSpace STANDARD = new SceneSpace(List.of(
            new Combination(Colour.RED, Shape.STAR),
            new Combination(Colour.BLUE, Shape.TRIANGLE),
            new Combination(Colour.GREEN, Shape.SQUARE),
            new Combination(Colour.YELLOW, Shape.CIRCLE)));

    private final List<Combination> heldOut;
    private final List<Combination> training;

    public SceneSpace(Collection<Combination> heldOut) {
        this.heldOut = heldOut.stream().distinct().sorted(Comparator.comparingInt(SceneSpace::ordinal)).toList();
        this.training = all().stream().filter(c -> !this.heldOut.contains(c)).toList();
        if (training.isEmpty()) {
            throw new IllegalArgumentException("every combination is held out: nothing left to train on");
        }
    }

    /** Every colour x shape combination, colour-major. */
    public static List<Combination> all() {
        List<Combination> all = new ArrayList<>();
        for (Colour colour : Colour.values()) {
            for (Shape shape : Shape.values()) {
                all.add(new Combination(colour, shape));
            }
        }
        return List.copyOf(all);
    }

    public List<Combination> trainingCombinations() {
        return training;
    }

    public List<Combination> heldOutCombinations() {
        return heldOut;
    }

    public boolean isHeldOut(Scene scene) {
        return heldOut.contains(scene.combination());
    }

    /** Each combination at every count, in the given layout. */
    public static List<Scene> scenes(List<Combination> combinations, int layout) {
        List<Scene> scenes = new ArrayList<>();
        for (Combination c : combinations) {
            for (int count = Scene.MIN_COUNT; count <= Scene.MAX_COUNT; count++) {
                scenes.add(new Scene(c.shape(), c.colour(), count, layout));
            }
        }
        return List.copyOf(scenes);
    }

    private static int ordinal(Combination c) {
        return c.colour().ordinal() * Shape.values().length + c.shape().ordinal();
    }
}
