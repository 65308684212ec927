/**
 * Nuisance-aware fine-tuning of a trained contrastive encoder (physics.md, "Systematic uncertainties in the
 * latent space"; Tong, Grosso, Harris): a ν-parameterized classifier on the latent z learns
 * f(z, ν) ≈ log(n_ν(z)/n_0(z)) between shifted and nominal events, and the encoder is fine-tuned on
 * L_SupCon + λ·L_param.
 *
 * <p>Shifts act on raw event features through {@link org.l1embed.events.JetEnergyScale}; the nominal
 * preprocessing constants are applied to every variant and never re-fitted (re-fitting would absorb the shift).
 * Nothing here reads event files or changes the model package's graph.
 */
package org.l1embed.training.nuisance;
