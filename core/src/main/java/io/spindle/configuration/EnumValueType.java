package io.spindle.configuration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The {@link ValueType} of an enum: constants are named in any case, {@code -} and {@code _} are
 * interchangeable, and values are formatted in lower case. Immutable.
 */
final class EnumValueType<E extends Enum<E>> implements ValueType<E> {

    private final Class<E> enumClass;

    EnumValueType(Class<E> enumClass) {
        this.enumClass = Objects.requireNonNull(enumClass, "enumClass");
    }

    @Override
    public String name() {
        return "Enum";
    }

    @Override
    public String expectation() {
        return "one of " + Arrays.stream(enumClass.getEnumConstants())
                .map(c -> "'" + format(c) + "'")
                .collect(Collectors.joining(", "));
    }

    @Override
    public E parse(String text) {
        String wanted = normalize(text);
        for (E constant : enumClass.getEnumConstants()) {
            if (normalize(constant.name()).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException();
    }

    @Override
    public String format(E value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constants in declaration order, formatted. */
    String constantNames() {
        return Arrays.stream(enumClass.getEnumConstants()).map(this::format).collect(Collectors.joining(", "));
    }

    private static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumValueType<?> other && other.enumClass.equals(enumClass);
    }

    @Override
    public int hashCode() {
        return enumClass.hashCode();
    }

    @Override
    public String toString() {
        return "Enum<" + enumClass.getSimpleName() + ">";
    }
}
