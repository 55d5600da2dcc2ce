/** JMH benchmarks of the pcistress model: one question per class. */
package org.pcistress.bench;
