/** The built-in datasets of the registry. */
package dev.unlearn4j.data.builtin;
