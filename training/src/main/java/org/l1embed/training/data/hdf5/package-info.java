/**
 * HDF5 files in the ADC2021 layout, through jhdf ({@code docs/event-data.md}): the streaming reader
 * ({@link org.l1embed.training.data.hdf5.Hdf5EventReader}, bounded memory, jhdf's memory-mapped and
 * decompressed-chunk fast paths), the writer ({@link org.l1embed.training.data.hdf5.Hdf5EventWriter}) and the
 * loader that turns several files into one labelled, shuffled and split dataset
 * ({@link org.l1embed.training.data.hdf5.Hdf5DatasetLoader}).
 *
 * <p>jhdf types stay inside this package: the API speaks {@link java.nio.file.Path} and
 * {@link org.l1embed.events.EventSet}. Nothing here generates events or knows about networks.
 */
package org.l1embed.training.data.hdf5;
