package dev.tributary.moa;

import java.nio.DoubleBuffer;

/** Turns MOA votes into the protocol's probability rows. */
final class Probabilities {
    private Probabilities() {
    }

    /**
     * Writes `votes` as probabilities over class indices 0..k-1 at `out[offset..offset+k)` (out starts zeroed):
     * votes beyond k are dropped (classes the client does not know yet), missing ones are 0,
     * negative or non-finite votes count as 0, and the rest are divided by their sum.
     * A row with no positive vote stays all zeros (no opinion).
     */
    static void write(double[] votes, DoubleBuffer out, int offset, int k) {
        int m = Math.min(votes.length, k);
        double sum = 0;
        for (int c = 0; c < m; c++) {
            double v = votes[c];
            if (v > 0 && v < Double.POSITIVE_INFINITY) sum += v;
        }
        if (sum > 0) {
            for (int c = 0; c < m; c++) {
                double v = votes[c];
                if (v > 0 && v < Double.POSITIVE_INFINITY) out.put(offset + c, v / sum);
            }
        }
    }

    /** Index of the first largest vote; 0 when there are none (MOA's `Utils.maxIndex` rule). */
    static int argMax(double[] votes) {
        int best = 0;
        for (int c = 1; c < votes.length; c++) if (votes[c] > votes[best]) best = c;
        return best;
    }
}
