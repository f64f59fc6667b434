/** Small shared helpers: seeds, hashing, atomic file writes and the user-facing error type. */
package dev.unlearn4j.util;
