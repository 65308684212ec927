/**
 * The systematics report: how an encoder's latent space moves under a jet-energy-scale nuisance ν, and whether
 * reweighting the nominal latent sample by the learned density ratio e^{f(z, ν)} reproduces the truly shifted
 * sample ("closure"), for several encoder variants side by side. Inputs are plain arrays (records validated on
 * construction); outputs are JSON, a text table and PNG figures. Statistics come from {@code stats}, drawing
 * from {@code plot}; nothing here trains, encodes or reads event files. See {@code docs/systematics.md}.
 */
package org.l1embed.analysis.systematics;
