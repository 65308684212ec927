/**
 * Event data in the ADC2021 layout (Govorkova et al., arXiv:2107.02157): per event 19 objects × [pT, η, φ,
 * class id] as float32 ({@link org.l1embed.training.data.EventLayout}, {@link org.l1embed.training.data.ObjectType}),
 * labelled by {@link org.l1embed.training.data.Process}, held in primitive arrays by
 * {@link org.l1embed.training.data.EventSet}; the jet-energy-scale nuisance
 * ({@link org.l1embed.training.data.JetEnergyScale}) with the object thresholds applied after the shift; the
 * background cocktail ({@link org.l1embed.training.data.Cocktail}); seeded shuffling and the
 * train/validation/test split ({@link org.l1embed.training.data.DatasetSplit}).
 *
 * <p>Sub-packages: {@code hdf5} reads and writes files, {@code synthetic} generates events. Nothing here does
 * file I/O, preprocessing for a network (scaling, fitted constants) or depends on TensorFlow.
 */
package org.l1embed.training.data;
