/** Unlearning methods: one small class per method, all listed in {@link dev.unlearn4j.catalog.Methods}. */
package dev.unlearn4j.method;
