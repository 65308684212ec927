package org.l1embed.training.model.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The float variables of one graph, in the order they were added, by checkpoint name: creates each variable
 * with its initial value (so the initial state is fixed in Java, not drawn by TensorFlow's random kernels), and
 * reads or overwrites all of them through a session, bit for bit.
 *
 * <p>The order of {@link #add} calls is the order of {@link #names()}, {@link #read} and of checkpoints written
 * from them; callers keep it stable. Not thread-safe; the graph is built from one thread.
 */
public final class GraphVariables {

    private final Ops tf;
    private final Map<String, GraphVariable> byName = new LinkedHashMap<>();

    /**
     * An empty registry whose variables go into the graph of {@code tf}.
     *
     * @param tf the root scope; variable ops are named from it (no sub-scope prefix) and initialised in its init scope
     */
    public GraphVariables(Ops tf) {
        this.tf = Objects.requireNonNull(tf, "tf must not be null");
    }

    /**
     * Creates a variable initialised to {@code initial}, with its placeholder/assign pair.
     *
     * @param name    checkpoint name, unique in this registry
     * @param shape   dimensions, row-major
     * @param initial exactly {@link GraphVariable#sizeOf}(shape) values, copied into the graph
     * @throws IllegalArgumentException if the name is taken or {@code initial} has the wrong length
     */
    public GraphVariable add(String name, VariableRole role, long[] shape, float[] initial) {
        Objects.requireNonNull(name, "name must not be null");
        long[] dims = shape.clone();
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("variable '" + name + "' is already defined");
        }
        int size = GraphVariable.sizeOf(dims);
        if (initial.length != size) {
            throw new IllegalArgumentException("variable '" + name + "' needs " + size + " initial values (shape "
                    + Arrays.toString(dims) + "), got " + initial.length);
        }
        String opName = name.replace('/', '.');
        Ops init = tf.withInitScope();
        Variable<TFloat32> variable = init.withName(opName).variable(
                init.withName(opName + ".initial").constant(Shape.of(dims), DataBuffers.of(initial, true, false)));
        Placeholder<TFloat32> newValue = tf.withName(opName + ".new_value")
                .placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
        Op assign = tf.withName(opName + ".set").assign(variable, newValue);
        GraphVariable v = new GraphVariable(name, role, dims, variable, newValue, assign);
        byName.put(name, v);
        return v;
    }

    /**
     * The variable of a name.
     *
     * @throws IllegalArgumentException if there is none, listing the known names
     */
    public GraphVariable get(String name) {
        GraphVariable v = byName.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown variable '" + name + "'; known: " + names());
        }
        return v;
    }

    /** Every variable, in the order added. */
    public List<GraphVariable> all() {
        return List.copyOf(byName.values());
    }

    /** The variables the optimiser updates ({@link VariableRole#isTrainable()}), in the order added. */
    public List<GraphVariable> trainable() {
        List<GraphVariable> out = new ArrayList<>();
        for (GraphVariable v : byName.values()) {
            if (v.role().isTrainable()) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    /** Every name, in the order added. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** A copy of every variable's current value (row-major), keyed and ordered as {@link #names()}; unmodifiable. */
    public Map<String, float[]> read(Session session) {
        List<GraphVariable> list = all();
        Session.Runner runner = session.runner();
        for (GraphVariable v : list) {
            runner.fetch(v.variable());
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < list.size(); i++) {
                GraphVariable v = list.get(i);
                float[] value = new float[v.size()];
                ((TFloat32) result.get(i)).copyTo(DataBuffers.of(value, false, false));
                values.put(v.name(), value);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Overwrites every variable, bit for bit, in one session run.
     *
     * @param values exactly the names of {@link #names()}, each with {@link GraphVariable#size()} values
     * @throws IllegalArgumentException naming a missing, unknown or wrongly sized variable; nothing is written then
     */
    public void write(Session session, Map<String, float[]> values) {
        for (String name : values.keySet()) {
            get(name);
        }
        Session.Runner runner = session.runner();
        List<TFloat32> tensors = new ArrayList<>();
        try {
            for (GraphVariable v : byName.values()) {
                float[] value = values.get(v.name());
                if (value == null) {
                    throw new IllegalArgumentException("variable '" + v.name() + "' is missing from the values");
                }
                if (value.length != v.size()) {
                    throw new IllegalArgumentException("variable '" + v.name() + "' needs " + v.size()
                            + " values (shape " + Arrays.toString(v.shape()) + "), got " + value.length);
                }
                TFloat32 t = TFloat32.tensorOf(Shape.of(v.shape()), DataBuffers.of(value, true, false));
                tensors.add(t);
                runner.feed(v.newValue(), t).addTarget(v.assign());
            }
            runner.run().close();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }
}
