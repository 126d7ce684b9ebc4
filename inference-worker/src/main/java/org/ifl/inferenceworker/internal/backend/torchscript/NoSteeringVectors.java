package org.ifl.inferenceworker.internal.backend.torchscript;

import java.util.Optional;

/** {@link SteeringSource#none()}. */
enum NoSteeringVectors implements SteeringSource {
    INSTANCE;

    @Override
    public Optional<Vector> forLanguage(String language) {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "no steering vectors configured";
    }
}
