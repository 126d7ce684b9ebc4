package org.ifl.referencevlm;

/**
 * How the next token is chosen: temperature 0 is greedy (arg-max); otherwise the logits are divided by the
 * temperature, the smallest set of tokens whose probability reaches {@code topP} is kept (nucleus sampling) and one
 * is drawn with a random generator seeded by {@code seed}, so the same seed gives the same text.
 */
public record Sampling(float temperature, float topP, long seed) {

    public Sampling {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0: " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
        }
    }

    public static Sampling greedy() {
        return new Sampling(0f, 1f, 0L);
    }

    public static Sampling of(float temperature, float topP, long seed) {
        return new Sampling(temperature, topP, seed);
    }

    public boolean isGreedy() {
        return temperature == 0f;
    }
}
