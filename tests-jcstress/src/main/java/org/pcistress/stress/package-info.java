/** jcstress races of the pcistress model: one race per file, {@code <Area>_<NN>_<Race>}. */
package org.pcistress.stress;
