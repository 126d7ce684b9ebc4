/**
 * The {@code djl-torchscript} backend: TorchScript VLMs that follow {@code docs/model-contract.md}, their metadata
 * and the steering vectors of the IMAGE_REMEDY arm.
 */
package org.ifl.inferenceworker.internal.backend.torchscript;
