/** Model families as SameDiff graphs, their weights and their registry. */
package dev.unlearn4j.model;
