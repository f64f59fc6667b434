/** Unlearning methods: one small class per method, all listed in {@link dev.unlearn4j.method.Methods}. */
package dev.unlearn4j.method;
