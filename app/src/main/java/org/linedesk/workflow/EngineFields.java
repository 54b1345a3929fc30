package org.linedesk.workflow;

import java.lang.reflect.Field;

/**
 * Reads a field of one of the engine's command objects, which keep what they act on in protected or
 * package-private fields. Camunda 7 CE gets no more releases, so the names are fixed; a test of each
 * guard and of the engine audit fails if one ever moves.
 */
final class EngineFields {

    private EngineFields() {
    }

    static <T> T read(Object target, String name, Class<T> type) {
        for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                Object value = field.get(target);
                return type.isInstance(value) ? type.cast(value) : null;
            } catch (NoSuchFieldException e) {
                // declared further up
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read " + name + " of " + target.getClass().getName(), e);
            }
        }
        return null;
    }
}
