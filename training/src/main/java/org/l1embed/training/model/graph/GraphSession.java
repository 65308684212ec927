package org.l1embed.training.model.graph;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * A graph and, once it is built, its session, closed together: the owner builds the graph through
 * {@link #ops()}, calls {@link #open} once, runs through {@link #session()}, and closes it (idempotent). If building
 * fails, closing frees the graph alone.
 *
 * <p>"Deterministic" means one intra-op and one inter-op thread: the same sequence of runs then gives
 * bit-identical results on the same machine and TensorFlow build; otherwise TensorFlow chooses the thread counts
 * and reductions may differ in the last bits between runs.
 *
 * <p>Not thread-safe.
 */
public final class GraphSession implements AutoCloseable {

    private final Graph graph = new Graph();
    private Session session;
    private boolean closed;

    /** A scope at the root of the graph, to build it. */
    public Ops ops() {
        requireOpen();
        return Ops.create(graph);
    }

    /**
     * Starts the session and initialises every variable; the graph is complete by then.
     *
     * @param deterministic one intra-op and one inter-op thread (see the class comment), else TensorFlow's defaults
     * @throws IllegalStateException if the session is already open or this is closed
     */
    public void open(boolean deterministic) {
        requireOpen();
        if (session != null) {
            throw new IllegalStateException("the session is already open");
        }
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (deterministic) {
            config.setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1);
        }
        Session s = new Session(graph, config.build());
        try {
            s.initialize();
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        session = s;
    }

    /**
     * The session.
     *
     * @throws IllegalStateException if it was never opened or this is closed
     */
    public Session session() {
        requireOpen();
        if (session == null) {
            throw new IllegalStateException("the session has not been opened");
        }
        return session;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the session (if open) and the graph; later calls do nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (session != null) {
                session.close();
            }
            graph.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the graph has been closed");
        }
    }
}
