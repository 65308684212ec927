/**
 * Event data in the ADC2021 layout (Govorkova et al., arXiv:2107.02157): per event 19 objects × [pT, η, φ,
 * class id] as float32 ({@link org.l1embed.events.EventLayout}, {@link org.l1embed.events.ObjectType}),
 * labelled by {@link org.l1embed.events.Process}, held in primitive arrays by {@link org.l1embed.events.EventSet}; the
 * jet-energy-scale nuisance ({@link org.l1embed.events.JetEnergyScale}) with the object thresholds applied after the
 * shift; the background cocktail ({@link org.l1embed.events.Cocktail}); seeded shuffling and the
 * train/validation/test split ({@link org.l1embed.events.DatasetSplit}).
 *
 * <p>Sub-package {@code synthetic} generates events. This module is JDK only: nothing here does file I/O (HDF5
 * files are read and written by {@code org.l1embed.training.data.hdf5}), preprocessing for a network (scaling,
 * fitted constants) or depends on TensorFlow, jhdf, Jackson or protobuf, so that both training and the service can
 * use it.
 */
package org.l1embed.events;
