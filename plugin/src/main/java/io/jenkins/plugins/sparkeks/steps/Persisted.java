package io.jenkins.plugins.sparkeks.steps;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A value kept in standard Java serial form. The core's references and the job definitions are records;
 * Pipeline writes program.dat with its own marshaller, so they are stored as bytes that plain Java
 * serialisation (which fully supports records) writes and reads back.
 */
final class Persisted<T extends Serializable> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private transient T value;

    private Persisted(byte[] bytes, T value) {
        this.bytes = bytes;
        this.value = value;
    }

    static <T extends Serializable> Persisted<T> of(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist " + value.getClass().getName(), e);
        }
        return new Persisted<>(out.toByteArray(), value);
    }

    @SuppressWarnings("unchecked")
    T get() {
        T v = value;
        if (v == null) {
            // the plugin's class loader sees the core's classes, the default one used by readObject may not
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                protected Class<?> resolveClass(java.io.ObjectStreamClass desc)
                        throws IOException, ClassNotFoundException {
                    return Class.forName(desc.getName(), false, Persisted.class.getClassLoader());
                }
            }) {
                v = (T) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException(
                        "cannot read back a persisted " + getClass().getSimpleName(), e);
            }
            value = v;
        }
        return v;
    }
}
