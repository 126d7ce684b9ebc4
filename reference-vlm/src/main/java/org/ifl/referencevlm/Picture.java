package org.ifl.referencevlm;

/** What an image example shows, drawn by {@link SceneRenderer}: a counted scene, or an artwork's motifs. */
public sealed interface Picture permits Scene, Artwork {
}
