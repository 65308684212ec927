package org.l1embed.training.data.hdf5;

/**
 * How {@link Hdf5EventWriter} stores the per-event datasets.
 */
public sealed interface Hdf5Storage permits Hdf5Storage.Contiguous, Hdf5Storage.Chunked {

    /** One contiguous block per dataset, uncompressed: the fastest to read (memory-mapped). */
    record Contiguous() implements Hdf5Storage {
    }

    /**
     * Chunks of {@code chunkEvents} events (the whole (19, 4) of each event in one chunk), compressed with
     * deflate (gzip) at {@code deflateLevel}, 0 meaning no compression.
     *
     * @param chunkEvents  events per chunk, ≥ 1 (capped at the number of events written)
     * @param deflateLevel 0–9
     */
    record Chunked(int chunkEvents, int deflateLevel) implements Hdf5Storage {
        public Chunked {
            if (chunkEvents < 1) {
                throw new IllegalArgumentException("chunkEvents must be >= 1, got chunkEvents=" + chunkEvents);
            }
            if (deflateLevel < 0 || deflateLevel > 9) {
                throw new IllegalArgumentException("deflateLevel must be in 0..9, got deflateLevel=" + deflateLevel);
            }
        }
    }

    /** Contiguous storage. */
    static Hdf5Storage contiguous() {
        return new Contiguous();
    }

    /** l1embed's chunked default: 4096 events per chunk (1.2 MiB of particles), deflate level 4 (h5py's gzip default). */
    static Hdf5Storage chunked() {
        return new Chunked(4096, 4);
    }
}
