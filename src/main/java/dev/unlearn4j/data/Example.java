package dev.unlearn4j.data;

/**
 * One labelled example. Text datasets fill {@code text}; numeric datasets (synthetic, tests) fill
 * {@code features}.
 *
 * @param id stable identifier, unique within its dataset (forget requests record ids)
 * @param label class index into {@link Dataset#labels()}
 */
public record Example(String id, int label, String text, float[] features) {}
