/** Jobs that outgrow one JVM, on Apache Spark ({@code local[*]} by default): memorisation scans. */
package dev.unlearn4j.spark;
