package org.ifl.inferenceworker;

/**
 * The settings of the reference VLM, for the services that run it (the worker's djl backend, serve-model): its
 * weights and how it steers the remedy arm.
 */
public abstract class ReferenceVlmSettings {
    /** Blank: the bundled weights. */
    private String referenceModel;
    private int steeringLayer;
    private String steeringPooling;
    private float steeringScale;

    public String getReferenceModel() {
        return referenceModel;
    }

    public void setReferenceModel(String referenceModel) {
        this.referenceModel = referenceModel;
    }

    public int getSteeringLayer() {
        return steeringLayer;
    }

    public void setSteeringLayer(int steeringLayer) {
        this.steeringLayer = steeringLayer;
    }

    public String getSteeringPooling() {
        return steeringPooling;
    }

    public void setSteeringPooling(String steeringPooling) {
        this.steeringPooling = steeringPooling;
    }

    public float getSteeringScale() {
        return steeringScale;
    }

    public void setSteeringScale(float steeringScale) {
        this.steeringScale = steeringScale;
    }
}
