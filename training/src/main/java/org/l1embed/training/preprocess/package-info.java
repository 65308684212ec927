/**
 * Fitting the input preprocessing on the nominal training sample. The fitted constants become the
 * {@code input.preprocessing} of the exported {@code NetworkSpec}: every consumer applies them, none re-fits them
 * (re-fitting per file would absorb a systematic shift — the pitfall noted in physics.md).
 */
package org.l1embed.training.preprocess;
