/**
 * The training loop around {@link org.l1embed.training.model.ContrastiveModel}: labelled data as plain arrays
 * ({@link org.l1embed.training.train.LabelledData}), augmentations on raw event features and the preprocessing
 * hook applied after them, the learning-rate schedule, epochs over seeded shuffled batches with progress and
 * validation, atomic checkpoints with resume, early stopping, and a linear probe for evaluating latents.
 *
 * <p>Nothing here builds TensorFlow ops or reads event files; data arrives as arrays from the caller.
 */
package org.l1embed.training.train;
