/** Unlearning methods: one small class per method, all listed in {@code catalog.Methods}. */
package dev.unlearn4j.method;
