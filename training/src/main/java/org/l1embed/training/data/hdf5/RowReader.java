package org.l1embed.training.data.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads ranges of rows (indices along the first dimension) of one dataset as raw bytes in the file's byte
 * order, through jhdf's fast paths: a memory-mapped window for contiguous datasets, decompressed chunks for
 * chunked ones (each chunk decompressed once when rows are read in order), the in-header buffer for compact
 * ones. Never the generic {@code getData(offset, shape)}, and never a Java multi-dimensional array.
 */
abstract sealed class RowReader permits RowReader.Contiguous, RowReader.Chunked, RowReader.Compact {

    final String file;
    final String name;
    final long rows;
    final int rowElements;
    final int elementSize;
    final ByteOrder order;

    private RowReader(String file, Dataset ds, int elementSize, ByteOrder order) {
        this.file = file;
        this.name = ds.getName();
        long[] dims = ds.getDimensionsAsLong();
        this.rows = dims[0];
        long r = 1;
        for (int k = 1; k < dims.length; k++) {
            r *= dims[k];
        }
        this.rowElements = Math.toIntExact(r);
        this.elementSize = elementSize;
        this.order = order;
    }

    /** A reader for {@code ds} (rank ≥ 1, fixed-size numeric elements). */
    static RowReader of(HdfFile hdf, Dataset ds, String file) throws IOException {
        DataType type = ds.getDataType();
        ByteOrder order;
        if (type instanceof FloatingPoint f) {
            order = f.getByteOrder();
        } else if (type instanceof FixedPoint f) {
            order = f.getByteOrder();
        } else {
            throw new IllegalArgumentException(file + ": dataset '" + ds.getName() + "' is not numeric");
        }
        int size = type.getSize();
        if (ds instanceof ContiguousDataset c) {
            return new Contiguous(file, ds, size, order, hdf, c.getDataAddress());
        } else if (ds instanceof ChunkedDataset c) {
            return new Chunked(file, ds, size, order, c);
        } else if (ds instanceof DatasetBase b) {
            return new Compact(file, ds, size, order, b);
        }
        throw new IOException(file + ": dataset '" + ds.getName() + "' has an unsupported storage layout "
                + ds.getDataLayout());
    }

    int rowBytes() {
        return rowElements * elementSize;
    }

    /**
     * The bytes of rows {@code first .. first+count-1}, position 0, limit count × row size, in the dataset's
     * byte order. Valid until the next call.
     */
    final ByteBuffer read(long first, int count) throws IOException {
        if (first < 0 || count < 0 || first + count > rows) {
            throw new IndexOutOfBoundsException("rows " + first + ".." + (first + count) + " of " + rows);
        }
        try {
            return readRows(first, count).order(order);
        } catch (RuntimeException e) {
            // jhdf reports corrupt data, unsupported filters and short files as unchecked HdfExceptions.
            throw new IOException(file + ": dataset '" + name + "': cannot read rows " + first + ".." + (first + count - 1)
                    + ": " + e.getMessage(), e);
        }
    }

    abstract ByteBuffer readRows(long first, int count) throws IOException;

    /** Contiguous storage: a memory-mapped window of exactly the requested rows. */
    static final class Contiguous extends RowReader {
        private final HdfFile hdf;
        private final long address;

        Contiguous(String file, Dataset ds, int size, ByteOrder order, HdfFile hdf, long address) {
            super(file, ds, size, order);
            this.hdf = hdf;
            this.address = address;
        }

        @Override
        ByteBuffer readRows(long first, int count) {
            long length = (long) count * rowBytes();
            // The backing storage adds the superblock's base address (user block) to the dataset address.
            return hdf.getHdfBackingStorage().map(address + first * rowBytes(), length);
        }
    }

    /** Compact storage: the whole (small) dataset lives in the object header. */
    static final class Compact extends RowReader {
        private final DatasetBase ds;
        private ByteBuffer all;

        Compact(String file, Dataset ds, int size, ByteOrder order, DatasetBase base) {
            super(file, ds, size, order);
            this.ds = base;
        }

        @Override
        ByteBuffer readRows(long first, int count) {
            if (all == null) {
                all = ds.getDataBuffer();
            }
            int from = Math.toIntExact(first * rowBytes());
            return all.duplicate().position(from).limit(from + count * rowBytes()).slice();
        }
    }

    /**
     * Chunked storage: the requested rows are assembled from decompressed chunks. The chunks of the last chunk
     * row read are cached, so reading in order decompresses every chunk once.
     */
    static final class Chunked extends RowReader {
        private final ChunkedDataset ds;
        private final int[] dims;
        private final int[] chunk;
        private final int[] tilesPerDim;
        private final int tiles;
        private final int chunkRowElements;
        private final boolean wholeRows;
        private long cachedChunkRow = -1;
        private byte[][] cached;
        private byte[] scratch = new byte[0];

        Chunked(String file, Dataset ds, int size, ByteOrder order, ChunkedDataset c) {
            super(file, ds, size, order);
            this.ds = c;
            this.dims = ds.getDimensions();
            int[] cd = c.getChunkDimensions();
            this.chunk = Arrays.copyOf(cd, dims.length);
            this.tilesPerDim = new int[dims.length];
            int t = 1;
            int ce = 1;
            boolean whole = true;
            for (int k = 1; k < dims.length; k++) {
                tilesPerDim[k] = (dims[k] + chunk[k] - 1) / chunk[k];
                t *= tilesPerDim[k];
                ce *= chunk[k];
                whole &= chunk[k] == dims[k];
            }
            this.tiles = t;
            this.chunkRowElements = ce;
            this.wholeRows = whole;
        }

        @Override
        ByteBuffer readRows(long first, int count) throws IOException {
            int bytes = count * rowBytes();
            if (scratch.length < bytes) {
                scratch = new byte[bytes];
            }
            long end = first + count;
            int c0 = chunk[0];
            for (long cr = first / c0; cr * c0 < end; cr++) {
                byte[][] chunkRow = chunkRow(cr);
                long from = Math.max(first, cr * c0);
                long to = Math.min(end, (cr + 1) * c0);
                if (wholeRows) {
                    System.arraycopy(chunkRow[0], (int) (from - cr * c0) * rowBytes(), scratch,
                            (int) (from - first) * rowBytes(), (int) (to - from) * rowBytes());
                } else {
                    copyTiles(chunkRow, cr, from, to, first);
                }
            }
            return ByteBuffer.wrap(scratch, 0, bytes);
        }

        private byte[][] chunkRow(long cr) throws IOException {
            if (cr == cachedChunkRow) {
                return cached;
            }
            byte[][] row = new byte[tiles][];
            int[] offset = new int[dims.length];
            offset[0] = Math.toIntExact(cr * chunk[0]);
            int[] tile = new int[dims.length];
            long expected = (long) chunk[0] * chunkRowElements * elementSize;
            for (int t = 0; t < tiles; t++) {
                for (int k = 1; k < dims.length; k++) {
                    offset[k] = tile[k] * chunk[k];
                }
                byte[] data = ds.getDecompressedChunk(offset);
                if (data.length < expected) {
                    throw new IOException("chunk at offset " + Arrays.toString(offset) + " holds " + data.length
                            + " bytes after decompression, expected " + expected);
                }
                row[t] = data;
                for (int k = dims.length - 1; k >= 1; k--) {
                    if (++tile[k] < tilesPerDim[k]) {
                        break;
                    }
                    tile[k] = 0;
                }
            }
            cachedChunkRow = cr;
            cached = row;
            return row;
        }

        /** General chunk shapes: copy each tile's part of each row, one run along the last dimension at a time. */
        private void copyTiles(byte[][] chunkRow, long cr, long from, long to, long first) {
            int rank = dims.length;
            int last = rank - 1;
            int[] tile = new int[rank];
            int[] pos = new int[rank];
            for (int t = 0; t < tiles; t++) {
                byte[] data = chunkRow[t];
                int runLength = Math.min(chunk[last], dims[last] - tile[last] * chunk[last]);
                for (long row = from; row < to; row++) {
                    int local = (int) (row - cr * chunk[0]);
                    // Odometer over the trailing dimensions except the last, inside this tile.
                    for (int k = 1; k < last; k++) {
                        pos[k] = 0;
                    }
                    while (true) {
                        int src = local * chunkRowElements;
                        int dst = (int) (row - first) * rowElements;
                        int srcStride = 1;
                        int dstStride = 1;
                        for (int k = last; k >= 1; k--) {
                            int inTile = k == last ? 0 : pos[k];
                            src += inTile * srcStride;
                            dst += (tile[k] * chunk[k] + inTile) * dstStride;
                            srcStride *= chunk[k];
                            dstStride *= dims[k];
                        }
                        System.arraycopy(data, src * elementSize, scratch, dst * elementSize, runLength * elementSize);
                        int k = last - 1;
                        while (k >= 1) {
                            int extent = Math.min(chunk[k], dims[k] - tile[k] * chunk[k]);
                            if (++pos[k] < extent) {
                                break;
                            }
                            pos[k] = 0;
                            k--;
                        }
                        if (k < 1) {
                            break;
                        }
                    }
                }
                for (int k = last; k >= 1; k--) {
                    if (++tile[k] < tilesPerDim[k]) {
                        break;
                    }
                    tile[k] = 0;
                }
            }
        }
    }
}
