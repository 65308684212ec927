package org.l1embed.analysis.stats;

/**
 * A filled weighted histogram (see {@link Binning#histogram}). Accessors return copies.
 *
 * @param edges bin edges, length bins + 1
 * @param sum Σw per bin
 * @param sumSquares Σw² per bin (the variance estimate of the bin content)
 * @param entries number of values per bin, whatever their weight
 */
public record Histogram(double[] edges, double[] sum, double[] sumSquares, long[] entries) {

    public Histogram {
        edges = edges.clone();
        sum = sum.clone();
        sumSquares = sumSquares.clone();
        entries = entries.clone();
    }

    public int bins() {
        return sum.length;
    }

    /** Σw over all bins (values outside the edges excluded). */
    public double total() {
        double t = 0;
        for (double s : sum) {
            t += s;
        }
        return t;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] sum() {
        return sum.clone();
    }

    @Override
    public double[] sumSquares() {
        return sumSquares.clone();
    }

    @Override
    public long[] entries() {
        return entries.clone();
    }
}
