/** What every scenario shares: the kernel configuration under jcstress and the outcome words. */
package org.pcistress.stress.shared;
