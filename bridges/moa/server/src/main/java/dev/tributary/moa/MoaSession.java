package dev.tributary.moa;

import com.yahoo.labs.samoa.instances.Instance;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import moa.classifiers.Classifier;

/** One learner of one client, with the header of its stream. */
final class MoaSession {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final String name;
    final Classifier learner;
    private StreamHeader stream;

    /** Seconds of thread CPU spent predicting and learning in the last call. */
    double predictCpuSeconds;
    double learnCpuSeconds;

    MoaSession(String name, Classifier learner, StreamHeader stream) {
        this.name = name;
        this.learner = learner;
        this.stream = stream;
        learner.setModelContext(stream.header);
    }

    StreamHeader stream() {
        return stream;
    }

    /** Adopts a schema that gained classes or nominal values; MOA learners accept a wider context. */
    void updateSchema(StreamHeader grown) {
        stream.requireGrowthTo(grown);
        try {
            learner.setModelContext(grown.header);
        } catch (RuntimeException e) {
            throw new BridgeException("LIBRARY_ERROR", name + " refused the grown schema: " + BridgeException.rootMessage(e), e);
        }
        stream = grown;
    }

    /**
     * For each row in order: predict into `proba` (row-major n×k), then learn the row.
     * Thread CPU time is read once per batch (a costly call, about a microsecond) and
     * split between predict and learn in proportion to their System.nanoTime
     * durations, as the native session does; per-instance CPU reads cost more than
     * MOA's own work on fast learners.
     */
    void prequential(double[] x, int[] y, double[] w, int n, int d, int k, double[] proba) {
        checkWidth(d);
        // Rows are converted first so a bad row fails the batch before any learning.
        Instance[] instances = new Instance[n];
        for (int i = 0; i < n; i++) instances[i] = stream.instance(x, i, d, y[i], w == null ? 1.0 : w[i]);
        long predictWall = 0;
        long learnWall = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            Instance instance = instances[i];
            long t0 = System.nanoTime();
            double[] votes = votes(instance, i);
            long t1 = System.nanoTime();
            train(instance, i);
            long t2 = System.nanoTime();
            predictWall += t1 - t0;
            learnWall += t2 - t1;
            Probabilities.write(votes, proba, i * k, k);
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        double measured = predictWall + learnWall;
        double predictShare = measured > 0 ? predictWall / measured : 0.5;
        predictCpuSeconds = cpu * predictShare * 1e-9;
        learnCpuSeconds = cpu * (1 - predictShare) * 1e-9;
    }

    /** Trains on every row in order. */
    void learn(double[] x, int[] y, double[] w, int n, int d) {
        checkWidth(d);
        long learnNanos = 0;
        for (int i = 0; i < n; i++) {
            Instance instance = stream.instance(x, i, d, y[i], w == null ? 1.0 : w[i]);
            long start = THREADS.getCurrentThreadCpuTime();
            train(instance, i);
            learnNanos += THREADS.getCurrentThreadCpuTime() - start;
        }
        learnCpuSeconds = learnNanos * 1e-9;
    }

    /** Predicts every row into `proba` (row-major n×k) without learning. */
    void predict(double[] x, int n, int d, int k, double[] proba) {
        checkWidth(d);
        long predictNanos = 0;
        for (int i = 0; i < n; i++) {
            Instance instance = stream.instance(x, i, d, -1, 1.0);
            long start = THREADS.getCurrentThreadCpuTime();
            double[] votes = votes(instance, i);
            predictNanos += THREADS.getCurrentThreadCpuTime() - start;
            Probabilities.write(votes, proba, i * k, k);
        }
        predictCpuSeconds = predictNanos * 1e-9;
    }

    private void checkWidth(int d) {
        if (d != stream.numFeatures) {
            throw new BridgeException("INVALID_DATA", "batch has d=" + d + " features per row, the session's schema has " + stream.numFeatures);
        }
    }

    private double[] votes(Instance instance, int row) {
        try {
            return learner.getVotesForInstance(instance);
        } catch (RuntimeException | StackOverflowError e) {
            throw new BridgeException("LIBRARY_ERROR", name + ".getVotesForInstance failed on row " + row + " of the batch: " + BridgeException.rootMessage(e), e);
        }
    }

    private void train(Instance instance, int row) {
        try {
            learner.trainOnInstance(instance);
        } catch (RuntimeException | StackOverflowError e) {
            throw new BridgeException("LIBRARY_ERROR", name + ".trainOnInstance failed on row " + row + " of the batch: " + BridgeException.rootMessage(e), e);
        }
    }
}
