"""Cross-tool HDF5 check for l1embed's reader and writer (run by H5pyInteropTest; needs h5py and numpy).

Usage: python3 h5py_interop.py DIR N

Input, written by the Java test into DIR:
  particles.bin  N*19*4 little-endian float32      labels.bin  N little-endian int64
  weights.bin    N little-endian float64           ours_contiguous.h5, ours_chunked.h5 (written by l1embed)
Output into DIR: HDF5 files written by h5py in the ADC2021 layout with a Labels dataset, in several storage
layouts, and raw dumps of what h5py reads from l1embed's files (ours_*.particles.bin, ours_*.labels.bin,
ours_*.names.txt).
"""
import sys

import h5py
import numpy as np

d = sys.argv[1]
n = int(sys.argv[2])
particles = np.fromfile(d + "/particles.bin", dtype="<f4").reshape(n, 19, 4)
labels = np.fromfile(d + "/labels.bin", dtype="<i8")
weights = np.fromfile(d + "/weights.bin", dtype="<f8")
names = np.array([b"Pt", b"Eta", b"Phi", b"Class"])
classes = np.array([b"MET_class_1", b"Four_Ele_class_2", b"Four_Mu_class_3", b"Ten_Jet_class_4"])


def common(f):
    f.create_dataset("Particles_Names", data=names)
    f.create_dataset("Particles_Classes", data=classes)


# Contiguous, native little-endian float32, int64 labels (numpy's default integer).
with h5py.File(d + "/contiguous.h5", "w") as f:
    f.create_dataset("Particles", data=particles)
    f.create_dataset("Labels", data=labels)
    common(f)

# Chunked (1000, 19, 4) + gzip, chunked labels, float64 weights.
with h5py.File(d + "/chunked_gzip.h5", "w") as f:
    f.create_dataset("Particles", data=particles, chunks=(1000, 19, 4), compression="gzip", compression_opts=4)
    f.create_dataset("Labels", data=labels.astype("<i4"), chunks=(1000,), compression="gzip")
    f.create_dataset("Weights", data=weights, chunks=(1000,), compression="gzip")
    common(f)

# h5py's own chunk shape guess, byte shuffle + gzip 9, uint8 labels.
with h5py.File(d + "/auto_chunks.h5", "w") as f:
    f.create_dataset("Particles", data=particles, chunks=True, shuffle=True, compression="gzip", compression_opts=9)
    f.create_dataset("Labels", data=labels.astype("u1"), chunks=True, compression="gzip")
    common(f)

# Chunks that cut events apart: (333, 7, 3), LZF compression, int16 labels in chunks of 100.
with h5py.File(d + "/odd_chunks_lzf.h5", "w") as f:
    f.create_dataset("Particles", data=particles, chunks=(333, 7, 3), compression="lzf")
    f.create_dataset("Labels", data=labels.astype("<i2"), chunks=(100,), compression="lzf")
    f.create_dataset("Weights", data=weights.astype("<f4"), chunks=(100,))

# Big-endian values, a 512-byte user block, the newest file format.
with h5py.File(d + "/big_endian_userblock.h5", "w", userblock_size=512, libver="latest") as f:
    f.create_dataset("Particles", data=particles.astype(">f4"))
    f.create_dataset("Labels", data=labels.astype(">i4"))

# Compact storage (data inside the object header; at most 64 KiB): the first 100 events.
with h5py.File(d + "/compact.h5", "w") as f:
    for name, arr, t in (("Particles", particles[:100], h5py.h5t.IEEE_F32LE), ("Labels", labels[:100].astype("<i8"), h5py.h5t.STD_I64LE)):
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        space = h5py.h5s.create_simple(arr.shape)
        ds = h5py.h5d.create(f.id, name.encode(), t, space, dcpl)
        ds.write(h5py.h5s.ALL, h5py.h5s.ALL, np.ascontiguousarray(arr))

# No labels: the events' process must come from elsewhere.
with h5py.File(d + "/no_labels.h5", "w") as f:
    f.create_dataset("Particles", data=particles)

# Zero events.
with h5py.File(d + "/empty.h5", "w") as f:
    f.create_dataset("Particles", shape=(0, 19, 4), dtype="<f4")

# What h5py reads from l1embed's files.
for name in ("ours_contiguous", "ours_chunked"):
    with h5py.File(d + "/" + name + ".h5", "r") as f:
        p = f["Particles"]
        assert p.dtype == np.dtype("<f4"), p.dtype
        np.ascontiguousarray(p[...]).tofile(d + "/" + name + ".particles.bin")
        np.ascontiguousarray(f["Labels"][...].astype("<i8")).tofile(d + "/" + name + ".labels.bin")
        with open(d + "/" + name + ".names.txt", "w") as out:
            out.write(",".join(x.decode() for x in f["Particles_Names"][...]) + "\n")
            out.write(",".join(x.decode() for x in f["Particles_Classes"][...]) + "\n")
            out.write("chunks=" + str(p.chunks) + " compression=" + str(p.compression) + "\n")
print("ok")
