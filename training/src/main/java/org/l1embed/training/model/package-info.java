/**
 * The contrastive encoder as a TensorFlow Java graph: the MLP encoder and projection head with BatchNorm
 * ({@link org.l1embed.training.model.ContrastiveModel}), the SupCon / NT-Xent loss
 * ({@link org.l1embed.training.model.SupConLoss}), Adam/AdamW updates built from graph ops, and extraction of
 * the trained encoder as a float {@link org.l1embed.quantization.network.NetworkSpec}.
 *
 * <p>Everything here works on one batch of plain float arrays at a time. Epochs, shuffling, augmentation,
 * schedules and checkpoints live in {@code org.l1embed.training.train}; file formats and data sources do not
 * belong here.
 */
package org.l1embed.training.model;
